"""Moving models between apps keeps every row: a database made before officials and
organizations moved to `actors` and citations to `cases` migrates forward (and back)
with its rows, links, history and content types intact."""

from django.db import connection

from tests.support.migrations import latest, migrate

BEFORE_THE_MOVE = [
    ("cases", "0003_ordered_involvement"),
    ("sources", "0002_source_removed_on"),
    ("actors", None),
]
AFTER_THE_MOVE = [
    ("cases", "0005_rename_citation_tables"),
    ("sources", "0003_citations_move_to_cases"),
    ("actors", "0002_rename_tables"),
]


def test_moving_models_between_apps_keeps_rows_links_history_and_content_types(empty_database):
    """Across the move and back; then on to today's schema: the rows of an old
    database, of every kind it had, survive every later migration."""
    old = migrate(BEFORE_THE_MOVE)
    User = old.get_model("auth", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    LogEntry = old.get_model("admin", "LogEntry")
    author = User.objects.create(username="author")
    official = old.get_model("cases", "Official").objects.create(
        name_en="Maria Lvova-Belova", created_by=author
    )
    old.get_model("cases", "HistoricalOfficial").objects.create(
        id=official.pk,
        name_en=official.name_en,
        history_date=official.created_at,
        history_type="+",
        history_user=author,
        created_at=official.created_at,
        updated_at=official.updated_at,
    )
    organization = old.get_model("cases", "Organization").objects.create(
        name_en="Klyazma", kind="sanatorium"
    )
    incident = old.get_model("cases", "Incident").objects.create(
        title="Children taken to Klyazma", incident_type="transfer", summary="…"
    )
    old.get_model("cases", "IncidentOfficial").objects.create(
        incident=incident, official=official, role="stated"
    )
    old.get_model("cases", "IncidentOrganization").objects.create(
        incident=incident, organization=organization, role="facility"
    )
    source = old.get_model("sources", "Source").objects.create(
        url_as_cited="https://t.me/mlvovabelova/100",
        url="https://t.me/mlvovabelova/100",
        kind="telegram",
        speaker=official,
    )
    citation = old.get_model("sources", "Citation").objects.create(
        incident=incident, source=source, claim="the transfer", passage="…"
    )
    official_type = ContentType.objects.get_or_create(app_label="cases", model="official")[0]
    citation_type = ContentType.objects.get_or_create(app_label="sources", model="citation")[0]
    LogEntry.objects.create(
        user=author,
        content_type=official_type,
        object_id=str(official.pk),
        object_repr=official.name_en,
        action_flag=2,
    )
    Permission = old.get_model("auth", "Permission")
    editors = old.get_model("auth", "Group").objects.create(name="editors")
    editors.permissions.add(
        Permission.objects.get_or_create(
            content_type=official_type, codename="change_official", name="Can change official"
        )[0],
        Permission.objects.get_or_create(
            content_type=citation_type, codename="change_citation", name="Can change citation"
        )[0],
    )
    # The new code answered a request before the migration ran: Django created the new
    # app's content type for officials already, with its permissions.
    early = ContentType.objects.create(app_label="actors", model="official")
    Permission.objects.create(
        content_type=early, codename="change_official", name="Can change official"
    )

    new = migrate(AFTER_THE_MOVE)
    Official = new.get_model("actors", "Official")
    Citation = new.get_model("cases", "Citation")
    moved = Official.objects.get(pk=official.pk)
    assert (moved.name_en, moved.created_by_id) == ("Maria Lvova-Belova", author.pk)
    assert new.get_model("sources", "Source").objects.get(pk=source.pk).speaker_id == official.pk
    kept = Citation.objects.get(pk=citation.pk)
    assert (kept.incident_id, kept.source_id, kept.claim) == (
        incident.pk,
        source.pk,
        "the transfer",
    )
    assert list(new.get_model("cases", "Incident").objects.get().officials.all()) == [moved]
    assert new.get_model("actors", "HistoricalOfficial").objects.get().history_user_id == author.pk
    # Content types (and with them permissions and admin log entries) follow the models.
    ContentType = new.get_model("contenttypes", "ContentType")
    assert not ContentType.objects.filter(app_label="cases", model="official").exists()
    assert ContentType.objects.get(pk=citation_type.pk).app_label == "cases"
    entry = new.get_model("admin", "LogEntry").objects.get()
    assert (entry.content_type.app_label, entry.content_type.model) == ("actors", "official")
    held = new.get_model("auth", "Group").objects.get(name="editors").permissions
    assert sorted(held.values_list("content_type__app_label", "codename")) == [
        ("actors", "change_official"),
        ("cases", "change_citation"),
    ]
    # New rows get new ids on the renamed tables.
    another = Official.objects.create(name_en="Another official")
    assert another.pk > official.pk
    assert Citation.objects.create(incident_id=incident.pk, source_id=source.pk).pk > citation.pk
    tables = set(connection.introspection.table_names())
    assert {"actors_official", "actors_organization", "cases_citation"} <= tables
    assert not {"cases_official", "sources_citation"} & tables

    back = migrate(BEFORE_THE_MOVE)
    assert back.get_model("sources", "Citation").objects.get(pk=citation.pk).claim == "the transfer"
    assert back.get_model("cases", "Official").objects.get(pk=official.pk).name_en == (
        "Maria Lvova-Belova"
    )
    back_types = back.get_model("contenttypes", "ContentType").objects
    assert back_types.filter(app_label="cases", model="official").exists()
    assert not back_types.filter(app_label="actors", model="official").exists()

    today = migrate(latest())
    assert today.get_model("actors", "Official").objects.get(pk=official.pk).name_en == (
        "Maria Lvova-Belova"
    )
    kept = today.get_model("cases", "Citation").objects.get(pk=citation.pk)
    assert (kept.incident_id, kept.source_id) == (incident.pk, source.pk)
    assert [o.pk for o in today.get_model("cases", "Incident").objects.get().officials.all()] == [
        official.pk
    ]
    assert today.get_model("sources", "Source").objects.get(pk=source.pk).speaker_id == official.pk


BEFORE_LINKS = [("cases", "0005_rename_citation_tables"), ("actors", "0002_rename_tables")]
AFTER_LINKS = [("cases", "0008_group_single_link_removed")]


def test_single_links_become_link_rows_and_claims_get_their_side(empty_database):
    old = migrate(BEFORE_LINKS)
    User = old.get_model("auth", "User")
    ChildGroup = old.get_model("cases", "ChildGroup")
    HistoricalChildGroup = old.get_model("cases", "HistoricalChildGroup")
    author = User.objects.create(username="author")
    lvova = old.get_model("actors", "Official").objects.create(
        name_en="Maria Lvova-Belova", affiliation="russian_state"
    )
    incident = old.get_model("cases", "Incident").objects.create(
        title="Annual report", incident_type="statement", summary="…"
    )
    old.get_model("cases", "IncidentOfficial").objects.create(
        incident=incident, official=lvova, role="stated"
    )

    def group(**values):
        values.setdefault("count_min", values.get("count") or 0)
        values.setdefault("count_max", values.get("count"))
        return ChildGroup.objects.create(incident=incident, updated_by=author, **values)

    accepted = group(import_key="g-700000", count=700_000)  # as the demo loaded it
    whole = group(count=234)
    part = group(count=125, parent_group=whole, relation_to_parent="part")
    claim = group(count=122, is_aggregate_claim=True)
    # A Russian official and a body that also stated it: the side cannot be told from
    # the officials alone (the body may be Ukraine's), so it is left to an investigator.
    shared = old.get_model("cases", "Incident").objects.create(
        title="Joint statement", incident_type="statement", summary="…"
    )
    old.get_model("cases", "IncidentOfficial").objects.create(
        incident=shared, official=lvova, role="stated"
    )
    old.get_model("cases", "IncidentOrganization").objects.create(
        incident=shared,
        organization=old.get_model("actors", "Organization").objects.create(name_en="A body"),
        role="stated",
    )
    joint = ChildGroup.objects.create(
        incident=shared,
        updated_by=author,
        count=19_546,
        count_min=19_546,
        count_max=19_546,
        is_aggregate_claim=True,
    )
    HistoricalChildGroup.objects.create(
        id=part.pk,
        incident_id=incident.pk,
        count=125,
        count_min=125,
        count_max=125,
        parent_group_id=whole.pk,
        relation_to_parent="part",
        history_date=part.created_at,
        history_type="+",
        history_user=author,
        created_at=part.created_at,
        updated_at=part.updated_at,
    )

    new = migrate(AFTER_LINKS)
    Link = new.get_model("cases", "ChildGroupLink")
    ChildGroup = new.get_model("cases", "ChildGroup")
    (link,) = Link.objects.all()
    assert (link.group_id, link.counted_in_id, link.relation) == (part.pk, whole.pk, "part")
    assert (
        new.get_model("cases", "HistoricalChildGroupLink").objects.get(id=link.pk).history_user_id
        == author.pk
    )
    history = new.get_model("cases", "HistoricalChildGroup").objects.get(
        id=part.pk, history_type="+"
    )
    assert (history.legacy_counted_in_id, history.legacy_relation) == (whole.pk, "part")
    assert ChildGroup.objects.get(pk=claim.pk).claimed_by == "russian_authorities"
    assert ChildGroup.objects.get(pk=joint.pk).claimed_by == "not_recorded"
    accepted_now = ChildGroup.objects.get(pk=accepted.pk)
    assert (accepted_now.is_aggregate_claim, accepted_now.claimed_by) == (
        True,
        "russian_authorities",
    )
    assert (
        new.get_model("cases", "HistoricalChildGroup")
        .objects.filter(id=accepted.pk, is_aggregate_claim=True)
        .exists()
    )
    assert not ChildGroup.objects.get(pk=whole.pk).is_aggregate_claim

    back = migrate(BEFORE_LINKS)
    restored = back.get_model("cases", "ChildGroup").objects.get(pk=part.pk)
    assert (restored.parent_group_id, restored.relation_to_parent) == (whole.pk, "part")


BEFORE_THE_DATES = [("cases", "0008_group_single_link_removed")]
AFTER_THE_DATES = [("cases", "0009_dates_in_sources_words")]


def test_dates_migrate_to_what_their_sources_said_and_back(empty_database):
    import datetime as dt

    old = migrate(BEFORE_THE_DATES)
    Incident = old.get_model("cases", "Incident")

    def incident(key, precision, start=None, end=None, reported_on=None, reported="day"):
        return Incident.objects.create(
            title=key,
            incident_type="other",
            summary="…",
            occurred_precision=precision,
            occurred_start=start and dt.date.fromisoformat(start),
            occurred_end=end and dt.date.fromisoformat(end),
            reported_on=reported_on and dt.date.fromisoformat(reported_on),
            reported_precision=reported,
        )

    # (as stored before, what it must become: precision, start's, end's, end, report's)
    rows = {
        "undated": (incident("undated", "day"), ("unknown", "", "", None, "unknown")),
        "since 2022": (
            incident("since 2022", "range", "2022-01-01", reported_on="2025-11-05"),
            ("since", "year", "", None, "day"),
        ),
        "since March 2022": (
            incident("since March 2022", "range", "2022-03-01"),
            ("since", "month", "", None, "unknown"),
        ),
        "since the invasion": (
            incident("since the invasion", "range", "2022-02-24"),
            ("since", "day", "", None, "unknown"),
        ),
        "late March": (
            incident("late March", "approximate", "2025-03-01", "2025-03-30"),
            ("approximate", "month", "day", "2025-03-30", "unknown"),
        ),
        "two days": (
            incident("two days", "range", "2025-03-05", "2025-03-20", "2025-04-02"),
            ("range", "day", "day", "2025-03-20", "day"),
        ),
        # A range could only be typed as two days: "2022 to July 2023" was 1 Jan 2022 to
        # 31 Jul 2023, and must not come out as those two days.
        "a year to a month": (
            incident("a year to a month", "range", "2022-01-01", "2023-07-31", "2023-07-01"),
            ("range", "year", "month", "2023-07-31", "day"),
        ),
        "a month without its end": (
            incident("a month without its end", "month", "2023-07-01", None, "2023-07-01", "month"),
            ("month", "month", "month", "2023-07-31", "month"),
        ),
        "a day": (
            incident("a day", "day", "2022-06-09", "2022-06-09", "2022-06-09"),
            ("day", "day", "day", "2022-06-09", "day"),
        ),
    }
    before = {key: (row.occurred_start, row.reported_on) for key, (row, _) in rows.items()}

    new = migrate(AFTER_THE_DATES)
    NewIncident = new.get_model("cases", "Incident")
    for key, (row, expected) in rows.items():
        now = NewIncident.objects.get(pk=row.pk)
        end = now.occurred_end.isoformat() if now.occurred_end else None
        got = (
            now.occurred_precision,
            now.occurred_start_precision,
            now.occurred_end_precision,
            end,
            now.reported_precision,
        )
        assert got == expected, key
        # No start and no report date moves: every filter sees the same span.
        assert (now.occurred_start, now.reported_on) == before[key], key

    back = migrate(BEFORE_THE_DATES)
    BackIncident = back.get_model("cases", "Incident")
    for key, (row, _expected) in rows.items():
        old_row = BackIncident.objects.get(pk=row.pk)
        assert (old_row.occurred_precision, old_row.reported_precision) == (
            row.occurred_precision,
            row.reported_precision,
        ), key
