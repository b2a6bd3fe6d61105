"""The publication dates entered before sources had a precision were days (sources
0007): they say so after the migration, on the rows and in their history; undated
sources are 'unknown'. Reversing refuses while a date is only a month or a year."""

import datetime as dt

import pytest

from tests.support.migrations import migrate

BEFORE = [("sources", "0006_source_urls_renormalized")]
AFTER = [("sources", "0008_source_publication_date_unknown_iff_none")]


def test_dates_entered_become_days_and_reversing_keeps_them_days(empty_database):
    old = migrate(BEFORE)
    Source = old.get_model("sources", "Source")
    dated = Source.objects.create(
        url_as_cited="https://t.me/a/1", url="https://t.me/a/1", published_on=dt.date(2025, 3, 14)
    )
    undated = Source.objects.create(url_as_cited="https://t.me/a/2", url="https://t.me/a/2")
    old.get_model("sources", "HistoricalSource").objects.create(
        id=dated.pk,
        url_as_cited=dated.url_as_cited,
        published_on=dated.published_on,
        created_at=dated.created_at,
        updated_at=dated.updated_at,
        history_date=dated.updated_at,
        history_type="+",
    )

    new = migrate(AFTER)
    Source = new.get_model("sources", "Source")
    rows = {row.pk: row for row in Source.objects.all()}
    assert (rows[dated.pk].published_on, rows[dated.pk].published_precision) == (
        dt.date(2025, 3, 14),
        "day",
    )
    assert (rows[undated.pk].published_on, rows[undated.pk].published_precision) == (
        None,
        "unknown",
    )
    assert rows[dated.pk].updated_at == dated.updated_at  # nothing a reader sees changed
    history = new.get_model("sources", "HistoricalSource").objects.get(id=dated.pk)
    assert history.published_precision == "day"

    Source.objects.filter(pk=dated.pk).update(
        published_on=dt.date(2025, 3, 1), published_precision="month"
    )
    with pytest.raises(RuntimeError, match="dated by month or year only"):
        migrate(BEFORE)
    Source.objects.filter(pk=dated.pk).update(published_precision="day")
    back = migrate(BEFORE).get_model("sources", "Source")
    assert back.objects.get(pk=dated.pk).published_on == dt.date(2025, 3, 1)
