import datetime as dt

import factory
from django.contrib.auth import get_user_model

from apps.actors.models import Official, Organization
from apps.cases.models import ChildGroup, ChildGroupLink, Citation, Incident
from apps.regions.models import Region
from apps.sources.models import Source


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"investigator{n}")
    is_staff = True
    is_superuser = False
    password = factory.django.Password("pw")


def role_group(name: str):
    """The role's group, as the migrations made it (and made again after a test that
    flushed the database, which removes the migrations' rows)."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    from apps.accounts.roles import ROLES, apply_roles

    group = Group.objects.filter(name=name).first()
    if group is None:
        apply_roles(apps, ROLES)
        group = Group.objects.get(name=name)
    return group


class InvestigatorFactory(UserFactory):
    """An ordinary staff account in the investigator role (apps.accounts.roles)."""

    username = factory.Sequence(lambda n: f"investigator{n}")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.set([role_group("investigator")])


class ReviewerFactory(UserFactory):
    """A staff account in the reviewer role: also verifies, publishes, deletes."""

    username = factory.Sequence(lambda n: f"reviewer{n}")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.set([role_group("reviewer")])


class ViewerFactory(UserFactory):
    """A staff account in the viewer role (NGO staff): reads and exports, never writes."""

    username = factory.Sequence(lambda n: f"viewer{n}")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.set([role_group("viewer")])


class PartnerUserFactory(UserFactory):
    """An account of a partner organization (not staff): no model permission, so it
    reads published records only, like a partner key."""

    username = factory.Sequence(lambda n: f"partner{n}")
    is_staff = False

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.set([role_group("partner")])


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    kind = "country"
    name_en = factory.Sequence(lambda n: f"Country {n}")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    kind = "oblast"
    parent = factory.SubFactory(CountryFactory)
    name_en = factory.Sequence(lambda n: f"Region {n}")


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    name_en = factory.Sequence(lambda n: f"Official {n}")
    name_ru = factory.Sequence(lambda n: f"Чиновник {n}")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name_en = factory.Sequence(lambda n: f"Organization {n}")
    kind = "state_body"


def _bound_precision(precision: str) -> str:
    return precision if precision in ("day", "month", "year") else "day"


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"Incident {n}")
    incident_type = "transfer"
    summary = "Children were moved."
    occurred_precision = "day"
    occurred_start = dt.date(2022, 9, 16)
    occurred_end = dt.date(2022, 9, 16)
    # Each end of the period at the precision of a single day, month or year; a range
    # given without them is by days. No date means no precision.
    occurred_start_precision = factory.LazyAttribute(
        lambda o: "" if o.occurred_start is None else _bound_precision(o.occurred_precision)
    )
    occurred_end_precision = factory.LazyAttribute(
        lambda o: "" if o.occurred_end is None else _bound_precision(o.occurred_precision)
    )
    reported_on = dt.date(2022, 9, 16)
    reported_precision = factory.LazyAttribute(lambda o: "day" if o.reported_on else "unknown")
    # A test that asks for a published incident gets one as the review would leave it
    # (the status decides; `is_published` follows it, tests/cases/test_publication.py
    # takes the steps themselves).
    is_published = False
    status = factory.LazyAttribute(lambda o: "published" if o.is_published else "draft")
    published_at = factory.LazyAttribute(
        lambda o: dt.datetime(2025, 1, 1, tzinfo=dt.UTC) if o.is_published else None
    )


class ChildGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChildGroup
        skip_postgeneration_save = True

    incident = factory.SubFactory(IncidentFactory)
    count_qualifier = "exact"
    count = 10
    is_aggregate_claim = False
    claimed_by = factory.LazyAttribute(
        lambda group: "russian_authorities" if group.is_aggregate_claim else ""
    )

    @factory.post_generation
    def links(self, create, extracted, **kwargs):
        """`links=[(group, "part"), ...]`: the groups that already count these children."""
        for counted_in, relation in extracted or ():
            ChildGroupLink.objects.create(group=self, counted_in=counted_in, relation=relation)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url_as_cited = factory.Sequence(lambda n: f"https://t.me/channel_{n}/{n}")
    url = factory.Sequence(lambda n: f"https://t.me/channel_{n}/{n}")
    kind = "telegram"
    language = "ru"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    incident = factory.SubFactory(IncidentFactory)
    source = factory.SubFactory(SourceFactory)


def saved_capture(source, *, pk=None, stored_in=None):
    """A successful capture of `source` (with its done job), as a worker leaves it;
    `pk` gives both ids (the job's is pk + 50), `stored_in` an earlier capture that
    holds the same payload."""
    from django.utils import timezone

    from apps.archiving.models import Capture, CaptureJob, Outcome

    now = timezone.now()
    job = CaptureJob.objects.create(
        pk=pk and pk + 50,
        source=source,
        url=source.url,
        fetch_url=source.url,
        not_before=now,
        requested_at=now,
        status="done",
    )
    return Capture.objects.create(
        pk=pk,
        source=source,
        job=job,
        url=source.url,
        fetched_url=source.url,
        requested_at=now,
        outcome=Outcome.ARCHIVED,
        payload_sha256="b" * 64,
        payload_stored_in=stored_in,
        worker_version="test",
    )
