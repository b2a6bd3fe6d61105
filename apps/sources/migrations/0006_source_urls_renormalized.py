"""Existing sources re-normalized with the URL rules of issue 11 (percent-encoding in
one spelling, "?flag" kept as written, IPv6 literals in brackets).

Two rows may now have one normalized URL (https://ria.ru/путь and its %D0%BF... form were
two sources). Nothing is deleted or re-pointed: the oldest row (by when it was entered)
keeps the URL and stays the source; each later one is marked `duplicate_of` it and gives
up its normalized URL (its URL as cited is kept), while its citations and captures stay
where they are, so a reviewer can see and move them. Every row changed gets a history
entry by the system account that says why, and its `updated_at` moves, so partners'
incremental sync sees the change. A URL the rules now refuse, or that is too long once
percent-encoded, is left as it is (the next save shows the reason).

This uses the normalization function of the code base: it brings rows to the rules in
force, which is what a later re-run should do too. Reversing restores each row's URL
from the history entry before this migration's, where there is one and the URL is free.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations

from apps.sources.url_normalization import InvalidURL, normalize_url

RESPELLED = "URL normalization changed (sources 0006): the normalized URL re-spelled"
DUPLICATE = "URL normalization changed (sources 0006): a duplicate of an older source"
UNDONE = "URL normalization of sources 0006 undone"


def _system_user(apps):
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    user, _ = User.objects.get_or_create(
        username="system",
        defaults={
            "is_active": False,
            "first_name": "System",
            "last_name": "(loaders, workers)",
            "password": make_password(None),
        },
    )
    return user


def _save_with_history(apps, source, user, reason):
    Source = apps.get_model("sources", "Source")
    source.updated_by = user
    source.save(update_fields=["url", "duplicate_of", "updated_at", "updated_by"])
    apps.get_model("sources", "HistoricalSource").objects.create(
        **{field.attname: getattr(source, field.attname) for field in Source._meta.concrete_fields},
        history_date=source.updated_at,
        history_type="~",
        history_user=user,
        history_change_reason=reason,
    )


def _placeholder(source):
    # Unique and valid, for the moment between two spellings (a new spelling may be
    # another row's old one); never committed.
    return f"https://renormalizing.invalid/{source.pk}"


def renormalize(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    by_url = defaultdict(list)
    cited = Source.objects.exclude(url_as_cited="").filter(duplicate_of__isnull=True)
    for source in cited.order_by("created_at", "pk"):
        try:
            url = normalize_url(source.url_as_cited)
        except InvalidURL:
            continue
        if len(url) > Source._meta.get_field("url").max_length:
            continue  # too long once encoded: left as it is (the next save says so)
        by_url[url].append(source)
    changes = []  # (source, url, duplicate_of, reason)
    for url, (kept, *later) in by_url.items():
        if kept.url != url:
            changes.append((kept, url, None, RESPELLED))
        changes.extend((source, None, kept, DUPLICATE) for source in later)
    if not changes:
        return
    for source, *_ in changes:
        Source.objects.filter(pk=source.pk).update(url=_placeholder(source))
    user = _system_user(apps)
    for source, url, duplicate_of, reason in changes:
        source.url, source.duplicate_of = url, duplicate_of
        _save_with_history(apps, source, user, reason)


def restore(apps, schema_editor):
    Source = apps.get_model("sources", "Source")
    Historical = apps.get_model("sources", "HistoricalSource")
    earlier = {}
    for record in Historical.objects.filter(
        history_change_reason__in=[RESPELLED, DUPLICATE]
    ).order_by("history_id"):
        before = (
            Historical.objects.filter(id=record.id, history_id__lt=record.history_id)
            .order_by("-history_id")
            .first()
        )
        if before is not None and before.url:
            earlier[record.id] = before.url
    sources = list(Source.objects.filter(pk__in=earlier))
    for source in sources:
        Source.objects.filter(pk=source.pk).update(url=_placeholder(source))
    user = _system_user(apps)
    for source in sources:
        if Source.objects.filter(url=earlier[source.pk]).exists():
            # Another source has had that URL since: this one keeps today's.
            Source.objects.filter(pk=source.pk).update(url=source.url)
            continue
        source.url, source.duplicate_of = earlier[source.pk], None
        _save_with_history(apps, source, user, UNDONE)


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0005_source_duplicate_of"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(renormalize, restore)]
