# Citations take this app's table names, and their content types (which permissions,
# admin log entries and history refer to) follow them from sources.

from django.db import migrations

from apps.core.migration_operations import move_content_types

MODELS = ["citation", "historicalcitation"]


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_actors_move_out_citations_move_in"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="citation", table=None),
        migrations.AlterModelTable(name="historicalcitation", table=None),
        move_content_types(MODELS, "sources", "cases"),
    ]
