"""Case-insensitive search works for Cyrillic on both databases."""

import pytest
from django.urls import reverse

from apps.actors.models import Official
from apps.core.sqlite import unicode_like
from tests.factories import OfficialFactory

pytestmark = pytest.mark.django_db


def test_icontains_folds_cyrillic_case():
    OfficialFactory(name_en="Maria Lvova-Belova", name_ru="Мария Львова-Белова")
    assert Official.objects.filter(name_ru__icontains="львова").count() == 1
    assert Official.objects.filter(name_ru__icontains="ЛЬВОВА-БЕЛОВА").count() == 1
    assert Official.objects.filter(name_ru__icontains="захарова").count() == 0


def test_admin_search_finds_lowercase_cyrillic(staff_client):
    official = OfficialFactory(name_en="Maria Zakharova", name_ru="Мария Захарова")
    url = reverse("admin:actors_official_changelist")
    text = staff_client.get(url, {"q": "захарова"}).content.decode()
    assert official.name_en in text and "1 official" in text


@pytest.mark.parametrize(
    ("pattern", "value", "matches"),
    [
        ("%львова%", "Мария Львова-Белова", True),
        ("%100\\%%", "rose 100% in a year", True),
        ("%100\\%%", "rose 1000 in a year", False),
        ("a_c", "ABC", True),
        ("a_c", "abbc", False),
        ("%x%", None, None),
    ],
)
def test_unicode_like_semantics(pattern, value, matches):
    assert unicode_like(pattern, value, "\\") == matches
