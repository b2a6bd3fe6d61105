"""Documents built in bulk say exactly what their serializer says, or refuse to compile.

The incident document is compared with DRF on every demo incident in
tests/api/test_export.py; here, the cases that the demo data does not contain.
"""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework import serializers

from apps.cases.models import ChildGroup
from apps.core.api.documents import SerializerDocuments
from tests.factories import ChildGroupFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def as_drf_gives(serializer_class, instances) -> list[dict]:
    return [json.loads(json.dumps(serializer_class(i).data)) for i in instances]


def test_a_field_that_converts_its_column_is_converted():
    class Numbers(serializers.ModelSerializer):
        count_as_text = serializers.CharField(source="count")
        facility_name = serializers.CharField(
            source="facility.name_en", allow_null=True, default=None
        )
        count_display = serializers.CharField()

        class Meta:
            model = ChildGroup
            fields = ("id", "count", "count_as_text", "facility_name", "count_display")

    groups = [
        ChildGroupFactory(count=10),
        ChildGroupFactory(count=1500, facility=OrganizationFactory(kind="orphanage")),
    ]
    built = SerializerDocuments(Numbers).build([g.pk for g in groups])
    assert built == as_drf_gives(Numbers, groups)
    assert built[0]["count_as_text"] == "10" and built[0]["facility_name"] is None
    assert list(built[1]) == ["id", "count", "count_as_text", "facility_name", "count_display"]


def refused(serializer_class, match: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=match):
        SerializerDocuments(serializer_class).build([1])


def test_what_cannot_be_built_exactly_is_refused_naming_the_field():
    class Method(serializers.ModelSerializer):
        twice = serializers.SerializerMethodField()

        class Meta:
            model = ChildGroup
            fields = ("id", "twice")

        def get_twice(self, obj) -> int:
            return 2 * obj.count

    class OwnRepresentation(serializers.ModelSerializer):
        class Meta:
            model = ChildGroup
            fields = ("id", "description")

        def to_representation(self, instance):
            return {"id": instance.pk}

    class EmptyForeignKey(serializers.ModelSerializer):
        # DRF leaves this field out when the group has no facility: not null.
        facility_name = serializers.CharField(source="facility.name_en", read_only=True)

        class Meta:
            model = ChildGroup
            fields = ("id", "facility_name")

    refused(Method, r"Method\.twice: SerializerMethodField")
    refused(OwnRepresentation, "OwnRepresentation: a serializer with its own to_representation")
    refused(EmptyForeignKey, r"EmptyForeignKey\.facility_name: 'facility' may be empty")


def test_the_incident_document_compiles_as_a_system_check():
    from apps.cases.checks import incident_document_builds_in_bulk

    assert incident_document_builds_in_bulk(None) == []
