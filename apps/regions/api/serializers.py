from rest_framework import serializers

from apps.core.api.serializers import ServiceModelSerializer
from apps.regions.models import Region
from apps.regions.services import region_save


class RegionRefSerializer(serializers.ModelSerializer):
    """A place in readable form, embedded wherever a record names one."""

    class Meta:
        model = Region
        fields = ("id", "iso_code", "name_en", "kind")


class RegionSerializer(ServiceModelSerializer):
    class Meta:
        model = Region
        fields = (
            "id",
            "kind",
            "parent",
            "country",
            "depth",
            "iso_code",
            "name_en",
            "name_uk",
            "name_ru",
            "latitude",
            "longitude",
            "created_at",
            "updated_at",
        )
        read_only_fields = ("country", "depth")

    def save_instance(self, instance, user) -> None:
        region_save(region=instance, user=user)
