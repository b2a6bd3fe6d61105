"""A breakdown is computed in one statement; each bucket must equal the total of the
bucket's groups taken on their own (the definition of a bucket)."""

import pytest

from apps.cases.models import ChildGroup
from apps.cases.selectors import child_group_filter_place
from apps.cases.statistics import DIMENSIONS, children_by
from apps.cases.totals import children_total
from apps.regions.models import Region

pytestmark = pytest.mark.django_db


def bucket_groups(groups, dimension, key):
    if dimension == "placement":
        return groups.filter(placement=key)
    if dimension == "year":
        if key == "unknown":
            return groups.filter(incident__occurred_start__isnull=True)
        return groups.filter(incident__occurred_start__year=int(key))
    region = Region.objects.get(iso_code=key) if not key.isdigit() else Region.objects.get(pk=key)
    regions = (
        Region.objects.filter(pk=region.pk) if region.depth == 0 else Region.objects.within(region)
    )
    return child_group_filter_place(groups, direction=dimension, regions=regions)


@pytest.mark.parametrize("dimension", DIMENSIONS)
@pytest.mark.parametrize("which", ["all", "transfers"])
def test_every_bucket_is_the_total_of_its_groups(demo, dimension, which):
    groups = ChildGroup.objects.all()
    if which == "transfers":
        groups = groups.filter(incident__incident_type="transfer")
    buckets = children_by(groups, dimension=dimension)
    assert len(buckets) >= (2 if which == "all" else 1)
    for bucket in buckets:
        assert bucket.total == children_total(bucket_groups(groups, dimension, bucket.key)), bucket
    # and no bucket with countable groups is missing
    keys = {b.key for b in buckets}
    if dimension == "placement":
        expected = set(
            groups.filter(is_aggregate_claim=False, includes_adults=False).values_list(
                "placement", flat=True
            )
        )
        assert keys == expected


def test_unknown_dimension_is_refused():
    with pytest.raises(ValueError, match="unknown dimension"):
        children_by(ChildGroup.objects.all(), dimension="galaxy")
