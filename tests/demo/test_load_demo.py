"""The demo dataset holds every datapoint of the two seed reports, and loads idempotently."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from apps.actors.models import Official
from apps.cases.models import ChildGroup, Citation, Incident, count_bounds
from apps.cases.totals import children_total
from apps.core.services import system_user
from apps.demo.data_incidents import INCIDENTS
from apps.demo.services import demo_load
from apps.sources.models import Availability, Source
from apps.sources.url_normalization import normalize_url

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def group(key: str) -> ChildGroup:
    return ChildGroup.objects.get(import_key=key)


def links(of: ChildGroup) -> list[tuple[ChildGroup, str]]:
    return [(link.counted_in, link.relation) for link in of.links.all()]


def demo_groups() -> dict[str, dict]:
    return {g["key"]: g for incident in INCIDENTS for g in incident.get("groups", [])}


def counted_in_demo_data() -> tuple[int, bool]:
    """The children the demo data's counted groups hold, from the data itself: every
    group that is neither an aggregate claim nor includes adults, less those already
    counted in another counted group (the demo links one level deep)."""
    groups = demo_groups()

    def counted(row):
        return not row.get("aggregate") and not row.get("includes_adults")

    minimum, open_ended = 0, False
    for row in groups.values():
        inside_counted = any(counted(groups[key]) for key, _ in row.get("links", []))
        if counted(row) and not inside_counted:
            bounds = count_bounds(row["qualifier"], row.get("count"), None)
            minimum += bounds.minimum
            open_ended = open_ended or bounds.maximum is None
    return minimum, open_ended


def test_the_whole_demo_total_is_the_children_counted(demo):
    total = children_total(ChildGroup.objects.all())
    minimum, open_ended = counted_in_demo_data()
    assert (total.count, total.at_least) == (minimum, open_ended)
    # Russia's '700,000 accepted since 2022' is a claim, not children counted
    assert total.count < group("g-700000").count
    # The README states the demo's headline total: it must be this one.
    readme = " ".join((Path(settings.BASE_DIR) / "README.md").read_text().split())
    assert f'"{total}" children counted' in readme


def test_the_demo_claims_are_flagged_with_who_claims_them(demo):
    claims = {k: g for k, g in demo_groups().items() if g.get("aggregate")}
    assert set(claims) >= {"g-700000", "g-ukraine-19546", "g-zakharova-122"}
    stored = ChildGroup.objects.filter(is_aggregate_claim=True)
    assert set(stored.values_list("import_key", flat=True)) == set(claims)
    assert group("g-700000").claimed_by == "russian_authorities"
    assert group("g-ukraine-19546").claimed_by == "ukrainian_authorities"
    # the 1,500 orphans and the 380 among them stay counted groups
    assert not group("g-orphans-1500").is_aggregate_claim
    assert links(group("g-foster-380")) == [(group("g-orphans-1500"), "part")]


def test_novosibirsk_24_counted_once(demo):
    both = ChildGroup.objects.filter(import_key__in=["g-novosibirsk-24", "g-novosibirsk-24-2025"])
    assert children_total(both).count == 24
    first, again = group("g-novosibirsk-24"), group("g-novosibirsk-24-2025")
    assert links(again) == [(first, "same")]
    assert first.incident.reported_on.isoformat() == "2022-10-13"
    assert again.incident.reported_on.isoformat() == "2025-10-01"


def test_the_125_counted_once_inside_the_234(demo):
    assert links(group("g-125")) == [(group("g-234"), "part")]
    both = ChildGroup.objects.filter(import_key__in=["g-125", "g-234"])
    assert children_total(both).count == 234
    moscow_oblast_groups = ChildGroup.objects.filter(
        incident__destination_regions__iso_code="RU-MOS", incident__incident_type="transfer"
    )
    assert children_total(moscow_oblast_groups).count == 234


def test_datapoints_from_domain_doc(demo):
    g108 = group("g-108")
    assert (g108.count, g108.placement) == (108, "family_pending")
    assert set(g108.incident.origin_regions.values_list("iso_code", flat=True)) == {"UA-14"}
    assert set(g108.incident.destination_regions.values_list("iso_code", flat=True)) == {
        "RU-MOS",
        "RU-TUL",
        "RU-KLU",
        "RU-ROS",
        "RU-VOR",
        "RU-YAN",
    }
    over = group("g-mariupol-1000")
    assert (over.count_qualifier, over.count_min, over.count_max) == ("over", 1001, None)
    mariupol = over.origin_regions.get()
    assert mariupol.name_en == "Mariupol" and mariupol.parent.iso_code == "UA-14"
    assert group("g-krasnodar-300").count == 300
    assert links(group("g-foster-380")) == [(group("g-orphans-1500"), "part")]
    assert group("g-700000").accompanied == "most"
    klyazma = group("g-klyazma-39")
    assert (klyazma.count, klyazma.accompanied, klyazma.facility.name_en) == (
        39,
        "some",
        "'Klyazma' sanatorium",
    )
    assert klyazma.incident.occurred_as_stated == "late March 2025"
    assert klyazma.incident.organizations.filter(name_en="'Helping Ours' Foundation").exists()
    samara = group("g-samara-13").incident
    assert (samara.occurred_precision, samara.occurred_end, samara.reported_on) == (
        "approximate",
        samara.reported_on,
        samara.reported_on,
    )
    for key in ("g-ukraine-19546", "g-zakharova-122", "g-istanbul-hundreds"):
        assert group(key).is_aggregate_claim
    assert group("g-ukraine-19546").count_qualifier == "at_least"


def test_deleted_krasnodar_post_shows_archive_only_status(demo):
    post = Source.objects.get(import_key="krasnodar-post-2022-08-23")
    assert post.availability == Availability.REMOVED
    screenshot = Source.objects.get(
        url="https://understandingwar.org/research/russia-ukraine/putin-is-still-stealing-"
        "ukrainian-children-2/"
    )
    assert screenshot.copy_of == post
    assert Citation.objects.filter(source=post, footnote="13").exists()


def test_official_found_under_every_spelling(demo):
    for spelling in ("Lvova-Belova", "Lvova Belova", "Lvov-Belov", "Львова-Белова"):
        found = Official.objects.filter(names__name__icontains=spelling) | Official.objects.filter(
            name_ru__icontains=spelling
        )
        assert found.distinct().get().name_en == "Maria Lvova-Belova"


def test_footnotes_29_and_30_are_one_source_two_citations(demo):
    rbc = Source.objects.get(url__startswith="https://www.rbc.ru/politics/30/07/2023/")
    assert sorted(rbc.citations.values_list("footnote", flat=True)) == ["29", "30"]
    assert (
        "ria dot ru"
        in Source.objects.get(url="https://ria.ru/20230216/regiony-1852439917.html").url_as_cited
    )


@pytest.mark.skipif(not SEEDS.exists(), reason="shared/seeds is not beside this checkout")
def test_every_footnote_url_of_the_seed_report_is_a_source(demo):
    text = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    notes = text[text.index("[1] <https://x.com") :]
    cited = set(re.findall(r"<(https?://[^>]+)>", notes))
    cited |= set(re.findall(r"\]\((https?://[^)]+)\)", notes))
    assert len(cited) >= 40
    recorded = set(Source.objects.values_list("url", flat=True))
    missing = {url for url in cited if normalize_url(url) not in recorded}
    assert not missing


def test_loading_twice_changes_nothing(demo):
    counts = {m: m.objects.count() for m in (Incident, ChildGroup, Source, Citation, Official)}
    stamps = list(Incident.objects.order_by("pk").values_list("updated_at", flat=True))
    history = Incident.history.count() + ChildGroup.history.count() + Source.history.count()
    report = demo_load(user=system_user())
    assert report.changed == 0
    assert {m: m.objects.count() for m in counts} == counts
    assert list(Incident.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps
    assert Incident.history.count() + ChildGroup.history.count() + Source.history.count() == history


def test_loading_again_keeps_an_investigators_edit(demo, user):
    from apps.cases.services import incident_save

    incident = Incident.objects.get(import_key="2022-07-22-kaluga-25")
    incident.title = "Corrected by an investigator"
    incident_save(incident=incident, user=user)
    demo_load(user=system_user())
    incident.refresh_from_db()
    assert incident.title == "Corrected by an investigator"
    assert incident.updated_by == user


def test_demo_needs_regions_first(db):
    from apps.demo.services import DemoDataError

    with pytest.raises(DemoDataError, match="load_regions"):
        demo_load(user=system_user())
    assert not Incident.objects.exists()


def test_aggregate_claims_are_recorded_with_their_speaker(demo):
    ukraine = group("g-ukraine-19546").incident
    assert ukraine.incidentorganization_set.get().organization.name_en == "Government of Ukraine"
    assert group("g-zakharova-122").incident.officials.get().name_en == "Maria Zakharova"
    report = Source.objects.get(import_key="isw-2025-11-05")
    assert (report.author, report.published_on.isoformat()) == ("Karolina Hird", "2025-11-05")


def test_demo_sources_are_not_queued_for_capture_unless_asked(regions):
    from apps.archiving.models import CaptureJob
    from apps.core.services import system_user
    from apps.demo.services import demo_load, demo_sources

    demo_load(user=system_user())
    assert not CaptureJob.objects.open().exists()  # only the stand-ins' jobs, done
    report = demo_load(user=system_user(), archive=True)
    with_url = demo_sources().filter(url__isnull=False).count()
    assert with_url > 40
    queued = CaptureJob.objects.open().count()
    assert queued == with_url == report.counts["capture jobs"]["queued"]


def test_every_demo_source_with_a_url_has_a_labelled_stand_in_capture(demo):
    """The demo has captures to show and package, made by the real recording path from
    bundled pages that say what they are; the sources' availability is not touched."""
    import gzip

    from django.core.files.storage import storages

    from apps.archiving.models import Capture
    from apps.archiving.warc import sha256_hex
    from apps.demo.services import demo_sources

    with_url = demo_sources().filter(url__isnull=False)
    assert with_url.count() > 40
    for source in with_url:
        capture = Capture.objects.saved().get(source=source)
        assert capture.url == source.url
        assert capture.fetched_url.startswith("http://demo-stand-in.childtrace.invalid/")
        assert capture.title.startswith("Demo stand-in, not an archived copy")
        assert "It is not a copy of the page" in capture.text
        with storages["archive"].open(capture.warc) as handle:
            warc = handle.read()
        assert sha256_hex(warc) == capture.warc_sha256 and len(warc) == capture.warc_size
        assert b"X-ChildTrace-Demo: stand-in page" in gzip.decompress(warc)
    # Availability stays what the demo data says: a stand-in proves nothing about it.
    assert Source.objects.get(import_key="krasnodar-post-2022-08-23").availability == "removed"
    assert not with_url.filter(availability=Availability.ONLINE).exists()


def test_a_source_captured_for_real_gets_no_stand_in(regions):
    from apps.archiving.models import CaptureJob
    from apps.demo.services import demo_sources

    demo_load(user=system_user(), archive=True)  # real captures queued first
    assert not CaptureJob.objects.filter(fetch_url__contains="demo-stand-in").exists()
    assert CaptureJob.objects.open().count() == demo_sources().filter(url__isnull=False).count()


def test_stand_in_captures_never_make_a_demo_source_due_for_a_recheck(demo):
    """Link-rot re-checks fetch the address: a stand-in page, however old, must not
    make the demo's real addresses due (the demo is fetched only when asked)."""
    import datetime as dt

    from django.utils import timezone

    from apps.archiving.models import Capture, CaptureJob, JobKind
    from apps.archiving.services import recheck_schedule

    stand_ins = Capture.objects.filter(job__kind=JobKind.STAND_IN)
    assert stand_ins.count() > 40
    stand_ins.update(requested_at=timezone.now() - dt.timedelta(days=400))
    assert recheck_schedule(limit=1000) == 0
    assert not CaptureJob.objects.open().exists()
