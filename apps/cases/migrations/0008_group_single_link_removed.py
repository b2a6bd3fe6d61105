"""The single link of a group, moved to ChildGroupLink by 0007, leaves the group; a
claim must say who states it (0007 filled it in for existing claims)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_group_links_from_parent_group"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='childgroup',
            name='childgroup_not_linked_to_itself',
        ),
        migrations.RemoveConstraint(
            model_name='childgroup',
            name='childgroup_link_has_relation',
        ),
        migrations.RemoveField(
            model_name='childgroup',
            name='parent_group',
        ),
        migrations.RemoveField(
            model_name='childgroup',
            name='relation_to_parent',
        ),
        migrations.RemoveField(
            model_name='historicalchildgroup',
            name='parent_group',
        ),
        migrations.RemoveField(
            model_name='historicalchildgroup',
            name='relation_to_parent',
        ),
        migrations.AddConstraint(
            model_name='childgroup',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('claimed_by', ''), ('is_aggregate_claim', False)), models.Q(('is_aggregate_claim', True), models.Q(('claimed_by', ''), _negated=True)), _connector='OR'), name='childgroup_claim_has_side', violation_error_message='Say who states an aggregate claim; only a claim has a side.'),
        ),
    ]
