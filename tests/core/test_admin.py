"""Every admin page renders within a bounded number of queries, and bad input gets a
clear message on the form with nothing saved."""

import pytest
from django.urls import reverse

from apps.actors.models import Official, Organization
from apps.cases.models import ChildGroup, ChildGroupLink, Citation, Incident
from apps.cases.totals import children_total
from apps.regions.models import Region
from apps.sources.models import Source

pytestmark = pytest.mark.django_db

MODELS = [Region, Official, Organization, Incident, ChildGroup, Source]
# Changelists with all demo rows; the bound does not depend on the number of rows.
MAX_QUERIES = 20


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_renders_with_bounded_queries(
    demo, staff_client, model, django_assert_max_num_queries
):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with django_assert_max_num_queries(MAX_QUERIES):
        response = staff_client.get(url)
    assert response.status_code == 200
    count = model.objects.count()
    assert count > 5
    # The changelist lists every row (up to a page) and says how many there are.
    changelist = response.context["cl"]
    assert changelist.result_count == count
    assert len(changelist.result_list) == min(count, changelist.list_per_page)
    text = response.content.decode()
    assert f"{count} {model._meta.verbose_name_plural}" in text or f"{count} results" in text


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_add_and_change_pages_render(demo, staff_client, model, django_assert_max_num_queries):
    info = (model._meta.app_label, model._meta.model_name)
    assert staff_client.get(reverse("admin:{}_{}_add".format(*info))).status_code == 200
    obj = model.objects.order_by("-pk").first()
    with django_assert_max_num_queries(60):
        response = staff_client.get(reverse("admin:{}_{}_change".format(*info), args=[obj.pk]))
    assert response.status_code == 200
    history = staff_client.get(reverse("admin:{}_{}_history".format(*info), args=[obj.pk]))
    assert history.status_code == 200


def test_incident_page_shows_inlines_and_total(demo, staff_client):
    incident = Incident.objects.get(import_key="2023-07-annual-report-700000")
    page = staff_client.get(reverse("admin:cases_incident_change", args=[incident.pk]))
    text = page.content.decode()
    assert "at least 1,500" in text and "orphans placed in foster families" in text
    assert "children (each counted once)" in text.lower() and "700,000" in text
    assert "rbc.ru" in text  # the citation inline


def test_child_group_changelist_shows_the_deduplicated_total(demo, staff_client):
    url = reverse("admin:cases_childgroup_changelist")
    text = staff_client.get(url).content.decode()
    assert f"each counted once: {children_total(ChildGroup.objects.all())}</strong>" in text
    moscow = Region.objects.get(iso_code="RU-MOS")
    filtered = staff_client.get(
        url, {"destination": moscow.pk, "incident__incident_type__exact": "transfer"}
    ).content.decode()
    assert "each counted once: 234" in filtered


def test_region_filter_includes_places_below(demo, staff_client):
    donetsk = Region.objects.get(iso_code="UA-14")
    url = reverse("admin:cases_incident_changelist")
    text = staff_client.get(url, {"origin": donetsk.pk}).content.decode()
    luhansk_only = Incident.objects.get(import_key="2022-10-13-novosibirsk-24")
    assert "Krasnodar Krai: over 1,000 Mariupol" in text  # Mariupol lies in Donetsk Oblast
    assert luhansk_only.title not in text


def incident_post(**overrides):
    data = {
        "title": "Test transfer",
        "incident_type": "transfer",
        "summary": "Children moved.",
        "occurred_precision": "day",
        "occurred_start": "2022-09-16",
        "occurred_end": "",
        "occurred_as_stated": "",
        "reported_on": "2022-09-16",
        "reported_precision": "day",
        "verification_status": "unverified",
        "notes": "",
    }
    for prefix in ("child_groups", "incidentofficial_set", "incidentorganization_set", "citations"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(overrides)
    return data


def group_fields(**overrides) -> dict[str, str]:
    """The child-group form's fields, as a browser posts them for an unremarkable group."""
    values = {
        "description": "",
        "count_qualifier": "exact",
        "count": "25",
        "count_upper": "",
        "count_as_stated": "",
        "age_min": "",
        "age_max": "",
        "ages_as_stated": "",
        "placement": "unknown",
        "accompanied": "unknown",
        "accompanied_note": "",
        "orphan_status": "unknown",
        "with_disabilities": "unknown",
        "siblings": "unknown",
        "notes": "",
    }
    values.update(overrides)
    return values


def group_form(**overrides):
    data = {"child_groups-TOTAL_FORMS": "1"}
    data.update({f"child_groups-0-{k}": v for k, v in group_fields(**overrides).items()})
    return data


def test_a_valid_incident_with_a_group_is_saved_as_the_user(staff_client, user):
    response = staff_client.post(reverse("admin:cases_incident_add"), incident_post(**group_form()))
    assert response.status_code == 302, response.content.decode()[:2000]
    incident = Incident.objects.get(title="Test transfer")
    assert incident.created_by == user and incident.updated_by == user
    group = incident.child_groups.get()
    assert (group.count_min, group.created_by) == (25, user)
    assert incident.history.first().history_user == user


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (group_form(age_min="14", age_max="2"), "The oldest age (2) is below the youngest age"),
        (group_form(count="-5"), "Ensure this value is greater than or equal to 0"),
        (group_form(count="", description="orphans"), "choose &#x27;unknown number&#x27;"),
        (
            dict(
                occurred_precision="range",
                occurred_start="2025-03-30",
                occurred_end="2025-03-01",
                reported_on="",
            ),
            "The period ends (1 Mar 2025) before it starts (30 Mar 2025)",
        ),
    ],
    ids=["ages-upside-down", "negative-count", "no-number", "range-reversed"],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(staff_client, overrides, message):
    response = staff_client.post(reverse("admin:cases_incident_add"), incident_post(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Incident.objects.exists() and not ChildGroup.objects.exists()


def link_forms(*links, initial=0) -> dict[str, str]:
    """The group page's inline of links, as a browser posts it."""
    data = {
        "links-TOTAL_FORMS": str(len(links)),
        "links-INITIAL_FORMS": str(initial),
        "links-MIN_NUM_FORMS": "0",
        "links-MAX_NUM_FORMS": "1000",
    }
    for i, fields in enumerate(links):
        data.update({f"links-{i}-{k}": str(v) for k, v in fields.items()})
    return data


def group_page_post(group, *links, initial=0, **overrides):
    fields = dict(incident=group.incident_id, description=group.description, count=group.count)
    return {**group_fields(**{**fields, **overrides}), **link_forms(*links, initial=initial)}


def test_a_group_cannot_be_part_of_itself(demo, staff_client):
    group = ChildGroup.objects.get(import_key="g-234")
    url = reverse("admin:cases_childgroup_change", args=[group.pk])
    before = Incident.history.count(), ChildGroup.history.count()
    data = group_page_post(group, {"group": group.pk, "counted_in": group.pk, "relation": "part"})
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "A group cannot be the same as, or part of, itself." in response.content.decode()
    assert not group.links.exists()
    assert (Incident.history.count(), ChildGroup.history.count()) == before


def test_an_investigator_links_a_group_to_two_others_on_its_page(demo, staff_client, user):
    """The 24 reported in 2025 are the 2022 24 and part of a larger figure."""
    again = ChildGroup.objects.get(import_key="g-novosibirsk-24-2025")
    first = ChildGroup.objects.get(import_key="g-novosibirsk-24")
    larger = ChildGroup.objects.get(import_key="g-novosibirsk-49")
    (existing,) = again.links.all()
    url = reverse("admin:cases_childgroup_change", args=[again.pk])
    data = group_page_post(
        again,
        {"id": existing.pk, "group": again.pk, "counted_in": first.pk, "relation": "same"},
        {"group": again.pk, "counted_in": larger.pk, "relation": "part"},
        initial=1,
        placement=again.placement,
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert set(again.links.values_list("counted_in", "relation")) == {
        (first.pk, "same"),
        (larger.pk, "part"),
    }
    assert ChildGroupLink.history.filter(group=again, history_user=user).count() == 1
    both = ChildGroup.objects.filter(pk__in=[first.pk, larger.pk, again.pk])
    assert children_total(both).count == larger.count
    # and the loop the two links would make with a third is refused on the form
    data = group_page_post(
        first,
        {"group": first.pk, "counted_in": larger.pk, "relation": "same"},
        placement=first.placement,
    )
    response = staff_client.post(reverse("admin:cases_childgroup_change", args=[first.pk]), data)
    assert response.status_code == 200
    assert "loop" in response.content.decode()
    assert not first.links.exists()


def test_claims_stand_out_from_counted_groups_in_the_admin(demo, staff_client):
    claim = ChildGroup.objects.get(import_key="g-700000")
    changelist = staff_client.get(reverse("admin:cases_childgroup_changelist")).content.decode()
    assert "Aggregate claim (Russian authorities), not counted" in changelist
    assert "Aggregate claims in this selection, beside the total and not added" in changelist
    assert "Russian authorities (Maria Lvova-Belova" in changelist
    page = staff_client.get(
        reverse("admin:cases_incident_change", args=[claim.incident_id])
    ).content.decode()
    assert "Beside it, not added:" in page
    assert "Aggregate claim (Russian authorities), not counted" in page
    assert "Counted in totals" in page  # the 1,500 orphans beside the claim


def test_duplicate_source_url_is_refused_with_a_pointer(demo, staff_client):
    existing = Source.objects.get(url="https://t.me/malvovabelova/384")
    response = staff_client.post(
        reverse("admin:sources_source_add"),
        {
            "url_as_cited": "https://t.me/s/MaLvovaBelova/384",
            "title": "",
            "publisher": "",
            "kind": "telegram",
            "language": "ru",
            "published_on": "",
            "published_precision": "unknown",
            "speaker_kind": "unknown",
            "availability": "unknown",
            "availability_note": "",
            "notes": "",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert f"already recorded as source #{existing.pk}" in response.content.decode()


def test_investigators_cannot_delete_evidence(demo, staff_client):
    incident = Incident.objects.first()
    url = reverse("admin:cases_incident_delete", args=[incident.pk])
    assert staff_client.get(url).status_code == 403
    assert staff_client.post(url, {"post": "yes", "reason": "gone"}).status_code == 403
    assert Incident.objects.filter(pk=incident.pk).exists()
    assert Citation.objects.filter(incident=incident).exists()


def inline_post_for(incident) -> dict[str, str]:
    """The incident's change form as the browser would post it back, unchanged."""
    data = incident_post(
        title=incident.title,
        incident_type=incident.incident_type,
        summary=incident.summary,
        occurred_start=incident.occurred_start.isoformat(),
        reported_on=incident.reported_on.isoformat(),
    )
    groups = list(incident.child_groups.order_by("pk"))
    data.update(
        {
            "child_groups-TOTAL_FORMS": str(len(groups)),
            "child_groups-INITIAL_FORMS": str(len(groups)),
        }
    )
    for i, group in enumerate(groups):
        fields = group_fields(
            id=str(group.pk),
            incident=str(incident.pk),
            description=group.description,
            count=str(group.count),
            placement=group.placement,
        )
        data.update({f"child_groups-{i}-{k}": v for k, v in fields.items()})
    return data


@pytest.fixture
def may_remove_groups(client):
    """Removing a group from the incident page is a reviewer's soft delete."""
    from tests.factories import ReviewerFactory

    reviewer = ReviewerFactory()
    client.force_login(reviewer)
    return reviewer


def test_removing_a_group_others_are_counted_in_is_refused_on_the_form(
    demo, client, may_remove_groups
):
    whole = ChildGroup.objects.get(import_key="g-234")
    data = inline_post_for(whole.incident)
    data["child_groups-0-DELETE"] = "on"
    data["child_groups-0-deletion_reason_given"] = "A duplicate."
    url = reverse("admin:cases_incident_change", args=[whole.incident_id])
    response = client.post(url, data)
    assert response.status_code == 200
    text = response.content.decode()
    # Django's inline formset refuses it with a message naming the linked group.
    assert "would require deleting the following protected related objects" in text
    assert "125 children and teenagers" in text
    assert ChildGroup.objects.filter(pk=whole.pk).exists()


def test_removing_an_unlinked_group_works_and_is_kept_in_history(demo, client, may_remove_groups):
    from tests.factories import ChildGroupFactory

    # A group no other group is counted in and whose figure no citation states.
    group = ChildGroupFactory(description="orphans", placement="foster")
    data = inline_post_for(group.incident)
    row = list(group.incident.child_groups.order_by("pk")).index(group)
    data[f"child_groups-{row}-DELETE"] = "on"
    data[f"child_groups-{row}-deletion_reason_given"] = "A duplicate of another group."
    url = reverse("admin:cases_incident_change", args=[group.incident_id])
    assert client.post(url, data).status_code == 302
    # A soft delete: gone from every read, kept in the database and its history.
    assert not ChildGroup.objects.filter(pk=group.pk).exists()
    assert ChildGroup.all_objects.filter(pk=group.pk).exists()
    removal = ChildGroup.history.filter(id=group.pk).latest("history_date")
    assert (removal.history_type, removal.history_user, removal.deletion_reason) == (
        "~",
        may_remove_groups,
        "A duplicate of another group.",
    )


def test_removing_a_group_a_citation_states_is_refused_on_the_form(demo, client, may_remove_groups):
    group = ChildGroup.objects.get(import_key="g-kaluga-25")
    data = inline_post_for(group.incident)
    data["child_groups-0-DELETE"] = "on"
    data["child_groups-0-deletion_reason_given"] = "A duplicate."
    url = reverse("admin:cases_incident_change", args=[group.incident_id])
    response = client.post(url, data)
    assert response.status_code == 200
    assert "protected related objects: citation [12]" in response.content.decode()
    assert ChildGroup.objects.filter(pk=group.pk).exists()


def test_citation_cannot_point_at_another_incidents_group(demo, staff_client):
    other_group = ChildGroup.objects.get(import_key="g-234")
    source = Source.objects.get(url="https://t.me/malvovabelova/384")
    data = incident_post(
        **{
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": str(source.pk),
            "citations-0-child_group": str(other_group.pk),
            "citations-0-cited_in": "",
            "citations-0-footnote": "",
            "citations-0-claim": "x",
            "citations-0-passage": "",
            "citations-0-passage_kind": "paraphrase",
        }
    )
    response = staff_client.post(reverse("admin:cases_incident_add"), data)
    assert response.status_code == 200
    assert "Choose a group of this incident" in response.content.decode()
    assert not Incident.objects.filter(title="Test transfer").exists()


@pytest.mark.parametrize(
    ("url", "dated"),
    [
        ("admin:cases_incident_changelist", "reported_on"),
        ("admin:sources_source_changelist", "published_on"),
    ],
)
def test_lists_show_the_newest_first_and_the_undated_last(demo, staff_client, url, dated):
    from apps.cases.models import Incident
    from apps.sources.models import Source
    from tests.factories import IncidentFactory, SourceFactory

    model = Incident if url.startswith("admin:cases") else Source
    if model is Incident:
        IncidentFactory(title="Undated entry", reported_on=None)
    else:
        SourceFactory(title="Undated source", url_as_cited="", url=None, published_on=None)
    newest = model.objects.exclude(**{f"{dated}__isnull": True}).order_by(f"-{dated}").first()
    rows = staff_client.get(reverse(url)).context["cl"].result_list
    assert rows[0].pk == newest.pk
    assert len(rows) < 100  # one page: its last row is the last of all
    assert getattr(rows[len(rows) - 1], dated) is None
