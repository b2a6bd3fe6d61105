import pycountry
import pytest

from apps.core.services import system_user
from apps.regions.models import Region
from apps.regions.services import region_save, regions_load_reference

pytestmark = pytest.mark.django_db


def test_loads_every_ukrainian_and_russian_first_level_region(regions):
    for country in ("UA", "RU"):
        iso_codes = {s.code for s in pycountry.subdivisions.get(country_code=country)}
        loaded = set(
            Region.objects.filter(parent__iso_code=country).values_list("iso_code", flat=True)
        )
        assert loaded == iso_codes
    assert Region.objects.countries().count() == 3
    assert Region.objects.filter(depth=1, country__iso_code="UA").count() == 27
    assert Region.objects.filter(depth=1, country__iso_code="RU").count() == 83


def test_names_in_three_languages(regions):
    moscow_oblast = Region.objects.get(iso_code="RU-MOS")
    assert (moscow_oblast.name_en, moscow_oblast.name_uk, moscow_oblast.name_ru) == (
        "Moscow Oblast",
        "Московська область",
        "Московская область",
    )
    assert Region.objects.get(iso_code="RU-YAN").name_en == "Yamalo-Nenets Autonomous Okrug"
    assert str(moscow_oblast) == "Moscow Oblast (Russia)"


def test_crimea_and_sevastopol_are_ukrainian(regions):
    for code in ("UA-43", "UA-40"):
        region = Region.objects.get(iso_code=code)
        assert region.country.iso_code == "UA"


def test_running_twice_changes_nothing(regions):
    before = list(Region.objects.order_by("pk").values_list("pk", "updated_at"))
    history_before = Region.history.count()
    report = regions_load_reference(user=system_user())
    assert report.changed == 0
    assert list(Region.objects.order_by("pk").values_list("pk", "updated_at")) == before
    assert Region.history.count() == history_before


def test_a_corrected_name_in_the_file_updates_the_row(regions, tmp_path):
    from apps.regions.services import REFERENCE_FILE

    text = REFERENCE_FILE.read_text(encoding="utf-8").replace("Tula Oblast", "Tula Oblast (fixed)")
    fixed = tmp_path / "first_level.csv"
    fixed.write_text(text, encoding="utf-8")
    report = regions_load_reference(user=system_user(), path=fixed)
    assert report.changed == 1
    assert Region.objects.get(iso_code="RU-TUL").name_en == "Tula Oblast (fixed)"
    assert Region.objects.get(iso_code="RU-TUL").history.first().history_user.username == "system"


def test_a_code_unknown_to_iso_is_refused_and_nothing_is_loaded(db, tmp_path):
    from apps.regions.services import REFERENCE_FILE, ReferenceDataError

    text = REFERENCE_FILE.read_text(encoding="utf-8") + "RU-XXX,oblast,RU,Nowhere,Ніде,Нигде\n"
    bad = tmp_path / "first_level.csv"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="RU-XXX"):
        regions_load_reference(user=system_user(), path=bad)
    assert not Region.objects.exists()


def mariupol_below(donetsk, user) -> tuple[Region, Region]:
    raion = Region(kind="raion", parent=donetsk, name_en="Mariupol Raion")
    raion.stamp(user)
    raion.save()
    city = Region(kind="settlement", parent=raion, name_en="Mariupol")
    city.stamp(user)
    city.save()
    return raion, city


def test_within_finds_places_below(regions):
    donetsk = Region.objects.get(iso_code="UA-14")
    user = system_user()
    raion, city = mariupol_below(donetsk, user)
    assert city.depth == 3 and city.country.iso_code == "UA"
    within = set(Region.objects.within(donetsk))
    assert {donetsk, raion, city} <= within
    assert Region.objects.get(iso_code="UA-09") not in within
    assert donetsk not in set(Region.objects.within(donetsk, include_self=False))


def test_every_place_knows_its_first_level_region(regions):
    donetsk = Region.objects.get(iso_code="UA-14")
    ukraine = Region.objects.get(iso_code="UA")
    assert donetsk.first_level == donetsk and ukraine.first_level == ukraine
    assert not Region.objects.filter(first_level__isnull=True).exists()
    user = system_user()
    raion, city = mariupol_below(donetsk, user)
    assert city.first_level == donetsk
    # when the raion moves into another oblast, the places below it follow
    zaporizhzhia = Region.objects.get(iso_code="UA-23")
    raion.parent = zaporizhzhia
    region_save(region=raion, user=user)
    assert Region.objects.get(pk=city.pk).first_level == zaporizhzhia
