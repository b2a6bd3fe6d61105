"""Re-normalizing existing sources (sources 0006) loses nothing: spellings that are now
one URL leave the oldest row as the source and mark the others as its duplicates, with
their citations and captures where they were; every change is in the history, by the
system account, with the reason. Reversing brings the old URLs back."""

import datetime as dt

from django.utils import timezone

from apps.sources.url_normalization import normalize_url
from tests.support.migrations import migrate

# Sources and archiving before this change, cases where citations are its own.
BEFORE = [
    ("sources", "0005_source_duplicate_of"),
    ("archiving", "0002_capture_extraction_error"),
    ("cases", "0005_rename_citation_tables"),
]
AFTER = [
    ("sources", "0006_source_urls_renormalized"),
    ("archiving", "0003_capture_fetched_url"),
    ("cases", "0005_rename_citation_tables"),
]

RAW = "https://ria.ru/путь"
ENCODED = "https://ria.ru/%d0%bf%d1%83%d1%82%d1%8c"


def test_renormalizing_sources_keeps_every_row_citation_and_capture(empty_database):
    old = migrate(BEFORE)
    Source = old.get_model("sources", "Source")
    author = old.get_model("auth", "User").objects.create(username="author")
    entered = timezone.now() - dt.timedelta(days=30)

    def source(cited, url, days_later):
        row = Source.objects.create(
            url_as_cited=cited, url=url, kind="state_media", created_by=author
        )
        Source.objects.filter(pk=row.pk).update(
            created_at=entered + dt.timedelta(days=days_later),
            updated_at=entered + dt.timedelta(days=days_later),
        )
        old.get_model("sources", "HistoricalSource").objects.create(
            id=row.pk,
            url_as_cited=cited,
            url=url,
            kind="state_media",
            created_at=row.created_at,
            updated_at=row.updated_at,
            history_date=entered,
            history_type="+",
            history_user=author,
        )
        return row

    # As the old rules wrote them: the raw and the encoded spelling were two sources
    # (the newer one entered first in id order, so "oldest" is by date, not by id).
    encoded = source(ENCODED, ENCODED, days_later=2)
    raw = source(RAW, RAW, days_later=1)
    flag = source("https://ria.ru/a?flag", "https://ria.ru/a?flag=", days_later=3)
    unchanged = source("https://tass.ru/b", "https://tass.ru/b", days_later=4)
    incident = old.get_model("cases", "Incident").objects.create(
        title="Children moved", incident_type="transfer", summary="…"
    )
    citation = old.get_model("cases", "Citation").objects.create(
        incident=incident, source=encoded, claim="the move"
    )
    job = old.get_model("archiving", "CaptureJob").objects.create(
        source=encoded, url=ENCODED, status="done", not_before=entered, requested_at=entered
    )
    capture = old.get_model("archiving", "Capture").objects.create(
        source=encoded,
        job=job,
        url=ENCODED,
        requested_at=entered,
        outcome="failed",
        error="the server answered 503",
        worker_version="childtrace/0.1.0",
    )

    new = migrate(AFTER)
    Source = new.get_model("sources", "Source")
    rows = {row.pk: row for row in Source.objects.all()}
    assert set(rows) == {encoded.pk, raw.pk, flag.pk, unchanged.pk}  # nothing deleted
    kept, duplicate = rows[raw.pk], rows[encoded.pk]
    assert (kept.url, kept.duplicate_of_id) == (normalize_url(RAW), None)
    assert (duplicate.url, duplicate.duplicate_of_id) == (None, raw.pk)
    assert duplicate.url_as_cited == ENCODED  # the words of the citation stay
    assert rows[flag.pk].url == "https://ria.ru/a?flag"
    assert rows[unchanged.pk].url == unchanged.url
    # Citations and captures stay where they were.
    assert new.get_model("cases", "Citation").objects.get(pk=citation.pk).source_id == encoded.pk
    moved_capture = new.get_model("archiving", "Capture").objects.get(pk=capture.pk)
    assert (moved_capture.source_id, moved_capture.url) == (encoded.pk, ENCODED)
    assert moved_capture.fetched_url == ENCODED  # what was fetched: the URL of its day
    assert new.get_model("archiving", "CaptureJob").objects.get(pk=job.pk).fetch_url == ENCODED
    # Every change is attributable, and moves updated_at (partners' sync sees it).
    history = new.get_model("sources", "HistoricalSource").objects.filter(history_type="~")
    changed = {
        record.id: (record.history_user.username, record.history_change_reason, record.url)
        for record in history
    }
    assert set(changed) == {raw.pk, encoded.pk, flag.pk}
    assert {user for user, _, _ in changed.values()} == {"system"}
    assert "duplicate" in changed[encoded.pk][1]
    assert changed[flag.pk][2] == "https://ria.ru/a?flag"
    assert all(rows[pk].updated_at > entered + dt.timedelta(days=10) for pk in changed)
    assert rows[unchanged.pk].updated_at == entered + dt.timedelta(days=4)

    back = migrate(BEFORE)
    restored = {row.pk: row.url for row in back.get_model("sources", "Source").objects.all()}
    assert restored == {
        encoded.pk: ENCODED,
        raw.pk: RAW,
        flag.pk: "https://ria.ru/a?flag=",
        unchanged.pk: unchanged.url,
    }
