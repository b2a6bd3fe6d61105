"""A source's publication date gets its precision: day, month or year, or 'unknown'
when there is no date.

Until now only a day could be entered, so every date recorded is a day: rows (and
their history entries) with a date get 'day', rows without keep 'unknown'. This
says what was entered; nothing changes for a reader, so no history entry is written
and `updated_at` does not move. The check that a date has a precision and only an
unknown date has none comes next (0008), in its own transaction.

Reversing drops the precision, which would turn a 'March 2025' source into a day
(1 March 2025): it refuses while any source is dated by month or year only.
"""

from django.conf import settings
from django.db import migrations, models

COARSE = ("month", "year")


def dates_entered_were_days(apps, schema_editor):
    for name in ("Source", "HistoricalSource"):
        model = apps.get_model("sources", name)
        model.objects.filter(published_on__isnull=False).update(published_precision="day")


def only_if_every_date_is_a_day(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    coarse = Source.objects.filter(published_precision__in=COARSE)
    if coarse.exists():
        raise RuntimeError(
            f"{coarse.count()} source(s) are dated by month or year only (e.g. source "
            f"#{coarse.order_by('pk').first().pk}); without the precision their dates would "
            "read as days. Record their dates as days or clear them first."
        )



class Migration(migrations.Migration):

    dependencies = [
        ('actors', '0002_rename_tables'),
        ('sources', '0006_source_urls_renormalized'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalsource',
            name='published_precision',
            field=models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('unknown', 'Date unknown')], default='unknown', help_text="Whether the source gives the day, only the month or only the year; 'Date unknown' takes no date.", max_length=8, verbose_name='publication date given as'),
        ),
        migrations.AddField(
            model_name='source',
            name='published_precision',
            field=models.CharField(choices=[('day', 'Day'), ('month', 'Month'), ('year', 'Year'), ('unknown', 'Date unknown')], default='unknown', help_text="Whether the source gives the day, only the month or only the year; 'Date unknown' takes no date.", max_length=8, verbose_name='publication date given as'),
        ),
        migrations.AlterField(
            model_name='historicalsource',
            name='published_on',
            field=models.DateField(blank=True, help_text='For a month or a year, any day in it: its first day is stored.', null=True, verbose_name='publication date'),
        ),
        migrations.AlterField(
            model_name='source',
            name='published_on',
            field=models.DateField(blank=True, help_text='For a month or a year, any day in it: its first day is stored.', null=True, verbose_name='publication date'),
        ),
        migrations.RunPython(dates_entered_were_days, only_if_every_date_is_a_day),
    ]
