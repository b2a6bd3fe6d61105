"""Only an unknown publication date has no date, and every date has its precision
(after 0007 filled in the precision of the dates already entered)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("sources", "0007_source_published_precision"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='source',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('published_on__isnull', True), ('published_precision', 'unknown')), models.Q(models.Q(('published_precision', 'unknown'), _negated=True), ('published_on__isnull', False)), _connector='OR'), name='source_publication_date_unknown_iff_none', violation_error_message='Only an unknown publication date has no date.'),
        ),
    ]
