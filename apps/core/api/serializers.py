"""Serializers whose writes go through the services, as the requesting user."""

from __future__ import annotations

from django.db import transaction
from rest_framework import serializers

from apps.core.api.filters import MAX_INTEGER, parse_id
from apps.core.services import record_save


class IdRelatedField(serializers.PrimaryKeyRelatedField):
    """A related record by id: a whole number a column can hold, else a 400 (a JSON
    number such as 1e309 would otherwise overflow in the database driver)."""

    def to_internal_value(self, data):
        pk = parse_id(data)
        if pk is None:
            raise serializers.ValidationError(
                f"Give the id of a record: a whole number from 1 to {MAX_INTEGER}.",
                code="incorrect_type",
            )
        return super().to_internal_value(pk)


class ServiceModelSerializer(serializers.ModelSerializer):
    """create/update call `save_instance` (record_save by default): the model's full
    validation runs, authorship is stamped, and history names the user."""

    serializer_related_field = IdRelatedField

    @property
    def data(self):
        """The whole record, as the read endpoints show it, also after a partial update:
        when the serializer is partial (PATCH), DRF leaves out a field whose source is
        missing (`facility.name_en` of a group with no facility) instead of giving its
        default, null."""
        if not self.partial:
            return super().data
        self.partial = False
        try:
            return super().data
        finally:
            self.partial = True

    def save_instance(self, instance, user) -> None:
        record_save(instance, user=user)

    def _write(self, instance, validated_data):
        many = {
            name: validated_data.pop(name)
            for name in list(validated_data)
            if instance._meta.get_field(name).many_to_many
        }
        for name, value in validated_data.items():
            setattr(instance, name, value)
        with transaction.atomic():
            self.save_instance(instance, self.context["request"].user)
            for name, value in many.items():
                getattr(instance, name).set(value)
        return instance

    def create(self, validated_data):
        return self._write(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        if not _changes(instance, validated_data):
            # Nothing to record: no history row, and updated_at stays, so the record
            # does not reappear in every partner's incremental sync.
            return instance
        return self._write(instance, validated_data)


def _changes(instance, validated_data) -> bool:
    """Whether writing `validated_data` would change `instance` (fields as given; a
    many-to-many relation compared as a set of ids)."""
    for name, value in validated_data.items():
        field = instance._meta.get_field(name)
        if field.many_to_many:
            current = set(getattr(instance, name).values_list("pk", flat=True))
            if current != {item.pk for item in value}:
                return True
        elif getattr(instance, name) != value:
            return True
    return False
