"""Captures and jobs record the URL fetched beside the source's normalized URL.

Until now the archiver fetched the normalized URL itself, so for every existing row
the URL fetched is its `url`: copied, nothing guessed."""

from django.db import migrations, models
from django.db.models import F


def fetched_was_the_normalized_url(apps, schema_editor):
    apps.get_model("archiving", "Capture").objects.update(fetched_url=F("url"))
    apps.get_model("archiving", "CaptureJob").objects.update(fetch_url=F("url"))


class Migration(migrations.Migration):
    dependencies = [
        ("archiving", "0002_capture_extraction_error"),
    ]

    operations = [
        migrations.AddField(
            model_name="capture",
            name="fetched_url",
            field=models.URLField(
                default="",
                help_text="What was asked of the server: the URL as cited (without the "
                "report's obfuscation, trackers and fragment), where it differs from the "
                "normalized one.",
                max_length=2000,
                verbose_name="URL fetched",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="capturejob",
            name="fetch_url",
            field=models.URLField(
                default="",
                help_text="The URL as cited, spelled for the wire: it differs from the "
                "normalized one only where a server may answer differently (a Telegram "
                "t.me/s/ link).",
                max_length=2000,
                verbose_name="URL to fetch",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fetched_was_the_normalized_url, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="capture",
            name="url",
            field=models.URLField(
                help_text="The source's URL, when it was captured.",
                max_length=2000,
                verbose_name="normalized URL",
            ),
        ),
        migrations.AlterField(
            model_name="capturejob",
            name="url",
            field=models.URLField(
                help_text="The source's (normalized) URL.",
                max_length=2000,
                verbose_name="normalized URL",
            ),
        ),
    ]
