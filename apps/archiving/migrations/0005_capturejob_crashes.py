"""Capture jobs count how many times their worker stopped during the capture (a lease
that ran out without an outcome), so that a page that kills its worker every time ends
as a failed capture instead of being tried forever. Existing jobs start at 0: the past
was not counted."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archiving', '0004_capturejob_kind_stand_in'),
    ]

    operations = [
        migrations.AddField(
            model_name='capturejob',
            name='crashes',
            field=models.PositiveSmallIntegerField(default=0, help_text="How many times the job's lease ran out without an outcome: the worker was killed, crashed or hung during the capture.", verbose_name='worker stopped'),
        ),
        migrations.AlterField(
            model_name='capturejob',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, help_text="How many times a worker took the job; also the lease's token: a worker records its capture only if the job is still at the attempt it took."),
        ),
        migrations.AlterField(
            model_name='capturejob',
            name='lease_until',
            field=models.DateTimeField(blank=True, help_text='Renewed while a worker runs the job; a running job whose lease ran out is taken again.', null=True),
        ),
    ]
