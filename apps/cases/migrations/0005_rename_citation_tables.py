# Citations take this app's table names, and their content types (which permissions,
# admin log entries and history refer to) follow them from sources.

from django.db import migrations

MODELS = ["citation", "historicalcitation"]


def move_content_types(old_app, new_app):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        for model in MODELS:
            if not ContentType.objects.using(db).filter(app_label=new_app, model=model).exists():
                ContentType.objects.using(db).filter(app_label=old_app, model=model).update(
                    app_label=new_app
                )

    return move


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_actors_move_out_citations_move_in"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="citation", table=None),
        migrations.AlterModelTable(name="historicalcitation", table=None),
        migrations.RunPython(
            move_content_types("sources", "cases"), move_content_types("cases", "sources")
        ),
    ]
