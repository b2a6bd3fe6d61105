"""Migration tests: a database of their own, and moving it between migrations.

A migration test starts from an empty database (`empty_database`), migrates it forward
to the point before the migration it tests, writes rows as they were then, migrates
across the migration and back, and checks the rows at each point. Starting empty costs
the few migrations before that point; migrating the shared test database back from
today's schema, and forward again afterwards, cost four passes over every migration
(minutes per test), and a failure in between left the shared database broken for the
tests that came after.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.db import connection, connections
from django.db.migrations.executor import MigrationExecutor


@contextlib.contextmanager
def empty_database(folder: Path) -> Iterator[None]:
    """Point the default connection at a new, empty database (a file in `folder` on
    SQLite, a database beside the test database on PostgreSQL) until the block ends;
    then drop it and give the test database back."""
    original = connections["default"]
    settings_dict = dict(original.settings_dict)
    vendor = original.vendor
    if vendor == "sqlite":
        settings_dict["NAME"] = str(folder / "migrations.sqlite3")
    elif vendor == "postgresql":
        settings_dict["NAME"] = f"{settings_dict['NAME'][:40]}_mig_{uuid.uuid4().hex[:8]}"
        with original.creation._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    else:  # pragma: no cover - the project runs on these two
        raise NotImplementedError(f"no empty database for {vendor}")
    fresh = original.__class__(settings_dict, alias="default")
    connections["default"] = fresh
    try:
        yield
    finally:
        fresh.close()
        connections["default"] = original
        if vendor == "postgresql":
            with original.creation._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')


def migrate(targets):
    """Migrate to `targets`, Django's own apps (users, content types, the admin log) to
    their latest, and return the models as they were there."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    django_apps = [n for n in leaves if n[0] in ("admin", "auth", "contenttypes")]
    executor.migrate([*targets, *django_apps])
    nodes = [t for t in targets if t[1] is not None] + django_apps
    return executor.loader.project_state(nodes).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def latest_with(*nodes):
    """`nodes` (an app at an earlier migration), and every other app at its latest
    migration that needs none of those apps' later migrations (cases' roles migrations
    need the sources' and archiving's permissions of their time)."""
    graph = MigrationExecutor(connection).loader.graph
    pinned = {node[0] for node in nodes}
    newer = {
        later
        for node in nodes
        for later in graph.nodes
        if later[0] == node[0] and later not in graph.forwards_plan(node)
    }
    targets = list(nodes)
    for leaf in latest():
        if leaf[0] in pinned:
            continue
        current = leaf
        while current is not None and newer & set(graph.forwards_plan(current)):
            parents = [p.key for p in graph.node_map[current].parents if p.key[0] == leaf[0]]
            current = parents[0] if parents else None
        targets.append(current or (leaf[0], None))
    return targets
