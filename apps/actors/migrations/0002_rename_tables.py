# Officials and organizations take their own app's table names, and their content types
# (which permissions, admin log entries and history refer to) follow them from cases.

from django.db import migrations

from apps.core.migration_operations import move_content_types

MODELS = [
    "official",
    "officialname",
    "officialposition",
    "organization",
    "historicalofficial",
    "historicalofficialposition",
    "historicalorganization",
]


class Migration(migrations.Migration):

    dependencies = [
        ("actors", "0001_initial"),
        ("cases", "0004_actors_move_out_citations_move_in"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="historicalofficial", table=None),
        migrations.AlterModelTable(name="historicalofficialposition", table=None),
        migrations.AlterModelTable(name="historicalorganization", table=None),
        migrations.AlterModelTable(name="official", table=None),
        migrations.AlterModelTable(name="officialname", table=None),
        migrations.AlterModelTable(name="officialposition", table=None),
        migrations.AlterModelTable(name="organization", table=None),
        move_content_types(MODELS, "cases", "actors"),
    ]
