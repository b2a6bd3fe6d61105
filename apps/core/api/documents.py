"""Documents built in bulk from a serializer's own definition.

A list page or an export of thousands of records through DRF's nested serializers pays,
for every field of every row, attribute lookups on model instances, prefetch caches and
per-object dictionaries (about 1.5 ms an incident). `SerializerDocuments` reads the
serializer's declared fields once and compiles them into a plan: which columns to read
with `values()`, which to-many relations to read with one query each per chunk of
records, and how to turn each value into JSON with the serializer field's own
`to_representation`. The plan becomes one generated function per (nested) serializer
that builds a document as a dictionary display, as hand-written code would. The
serializer stays the one definition of the document, of its OpenAPI schema and of what
a write accepts; the plan only decides how to read it.

What a plan can read:

- model fields, also across forward foreign keys (`source="official.name_en"`);
- the primary key of a foreign key, and the primary keys of a many-to-many relation;
- a nested serializer over a foreign key (one object, or null), or over a many-to-many
  relation or a reverse foreign key (a list, in the related model's default ordering:
  the order in which DRF's `.all()` lists them);
- a read-only field whose source is a property of the model computed from the model's
  own columns (`count_display`).

Anything else (a `SerializerMethodField`, a hyperlink, a property across a relation) is
refused when the plan is compiled, naming the field, so that a document can never differ
silently from its serializer.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.utils import timezone
from rest_framework import ISO_8601, relations, serializers
from rest_framework import fields as drf_fields
from rest_framework.settings import api_settings

from apps.core.visibility import Viewer, has_public_rule, visible

# Serializer fields whose to_representation returns unchanged a value of the model field
# types beside them (str stays str, int stays int, bool stays bool, a choice stays its
# stored value): for those the call is skipped. Any other pairing calls it.
_TEXT = {"CharField", "TextField", "SlugField", "EmailField", "URLField", "UUIDField"}
_INTEGER = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
_UNCHANGED = {
    drf_fields.CharField: _TEXT - {"UUIDField"},
    drf_fields.IntegerField: _INTEGER,
    drf_fields.BigIntegerField: _INTEGER,
    drf_fields.BooleanField: {"BooleanField"},
    drf_fields.ChoiceField: _TEXT - {"UUIDField"},
}

Row = dict[str, Any]
Related = dict[str, dict[Any, list[Row]]]


def _among(column: str, ids: list) -> Q:
    """`column` is one of `ids` (sorted). A dense run of ids is asked for as a range,
    which is cheaper to plan than a list of thousands; rows in the range whose owner is
    not among `ids` are read but never used."""
    if not ids:
        return Q(pk__in=[])
    if isinstance(ids[0], int) and ids[-1] - ids[0] < 2 * len(ids):
        return Q(**{f"{column}__gte": ids[0], f"{column}__lte": ids[-1]})
    return Q(**{f"{column}__in": ids})


def _prefixed_ordering(ordering: Iterable[str], prefix: str, skip: set[str]) -> list[str]:
    result = []
    for term in ordering:
        if not isinstance(term, str):
            raise ImproperlyConfigured(f"ordering {term!r} is not a field name")
        descending = term.startswith("-")
        name = term.lstrip("-")
        if name in skip:
            continue  # the owner: constant within one owner's list
        result.append(("-" if descending else "") + prefix + name)
    return result


class _RowView:
    """A values() row read as attributes, so that a model property computed from the
    model's own columns (`count_display`) can run on it."""

    __slots__ = ("_row",)

    def __init__(self, row: Row) -> None:
        self._row = row

    def __getattr__(self, name: str):
        try:
            return self._row[name]
        except KeyError:
            raise AttributeError(
                f"{name!r} is not a column of the row (a document's computed field may "
                "read only its model's own columns)"
            ) from None


def _iso_format(drf_field: drf_fields.Field, setting: str) -> bool:
    output_format = getattr(drf_field, "format", getattr(api_settings, setting))
    return isinstance(output_format, str) and output_format.lower() == ISO_8601


def _datetime_converter(drf_field: drf_fields.DateTimeField) -> Callable[[Any, Any], Any]:
    """DRF's DateTimeField.to_representation for an aware datetime, with the current
    time zone looked up once per build instead of once per value."""
    slow = drf_field.to_representation

    def iso(value, zone):
        if zone is None or not isinstance(value, dt.datetime) or value.tzinfo is None:
            return slow(value)
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return iso


@dataclass
class _ToMany:
    """One to-many relation read for a chunk: rows grouped by their owner's id."""

    key: str
    model: type[models.Model]  # the model whose rows are read
    owner: str  # the column that holds the owner's id
    owner_name: str  # the foreign key to the owner, to reach the root's id through it
    ordering: list[str]
    columns: set[str] = field(default_factory=set)
    nested: list[_Plan] = field(default_factory=list)

    def read(self, root: str, root_ids: list, viewer: Viewer | None) -> dict[Any, list[Row]]:
        """The rows whose owner belongs to one of `root_ids` (the records being built),
        `root` leading from a row to that id: asked for by the root's ids, a chunk's
        ids stay a dense range even for the rows of its groups. For a `viewer` who sees
        published records only, rows of a model with a visibility rule of its own (a
        group's links) are those the rule lets through; other embedded rows follow
        their owner."""
        rows = self.model._default_manager.filter(_among(root, root_ids))
        if viewer is not None and has_public_rule(self.model):
            rows = visible(rows, viewer=viewer)
        rows = rows.order_by(*self.ordering).values(self.owner, *sorted(self.columns))
        grouped: dict[Any, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[row[self.owner]].append(row)
        return grouped


@dataclass
class _Plan:
    """How to build one serializer's documents from rows of its model.

    `prefix` is set for a serializer nested over a foreign key (its columns are read
    through the owner's row) or over a many-to-many relation (through the link row).
    `outputs` are Python expressions over `row`, `related` and `zone`, one per field, in
    the serializer's order; `document` is the function generated from them.
    """

    model: type[models.Model]
    path: str
    prefix: str = ""
    columns: set[str] = field(default_factory=set)
    outputs: list[tuple[str, str]] = field(default_factory=list)
    relations: list[_ToMany] = field(default_factory=list)
    pk_column: str = ""
    namespace: dict[str, Any] = field(default_factory=dict)
    document: Callable[[Row, Related, Any], dict] | None = None

    def bind(self, value: Any, hint: str) -> str:
        """A name under which generated code reaches `value`."""
        name = f"_{hint}{len(self.namespace)}"
        self.namespace[name] = value
        return name

    def generate(self) -> None:
        entries = "".join(f"        {name!r}: {expression},\n" for name, expression in self.outputs)
        source = f"def document(row, related, zone):\n    return {{\n{entries}    }}\n"
        exec(compile(source, f"<document {self.path}>", "exec"), self.namespace)
        self.document = self.namespace["document"]


class SerializerDocuments:
    """Builds, for many records at once, what `serializer_class(instance).data` gives
    for each: the same keys, values and order (tests compare them on real data)."""

    def __init__(self, serializer_class: type[serializers.Serializer]) -> None:
        self.serializer_class = serializer_class

    @cached_property
    def plan(self) -> _Plan:
        serializer = self.serializer_class()
        return _compile(
            serializer, serializer.Meta.model, prefix="", path=type(serializer).__name__
        )

    def build(self, ids: Iterable, *, viewer: Viewer | None = None) -> list[dict]:
        """The documents of the records `ids`, in that order; ids of records that do not
        exist are skipped. A fixed number of queries, whatever the number of ids. The
        caller has chosen `ids` among what `viewer` may see; embedded rows of models with
        a visibility rule of their own are limited to what `viewer` may see."""
        wanted = list(ids)
        if not wanted:
            return []
        plan = self.plan
        wanted_ids = sorted(set(wanted))
        rows = {
            row[plan.pk_column]: row
            for row in plan.model._default_manager.filter(_among("pk", wanted_ids))
            .order_by()
            .values(*sorted(plan.columns))
        }
        rows = {pk: rows[pk] for pk in wanted_ids if pk in rows}
        related: Related = {}
        # Asked for by a range when the ids are dense: rows of records in the range that
        # were not asked for may be read, and are never used.
        _read_relations(plan, list(rows), related, path_to_root="", viewer=viewer)
        zone = timezone.get_current_timezone() if settings.USE_TZ else None
        document = plan.document
        return [document(rows[pk], related, zone) for pk in wanted if pk in rows]


def _read_relations(
    plan: _Plan, root_ids: list, related: Related, *, path_to_root: str, viewer: Viewer | None
) -> None:
    """Read `plan`'s relations for the records `root_ids`; `path_to_root` leads from a
    row of `plan.model` to the root record's id ("" at the root itself)."""
    for relation in plan.relations:
        root = f"{relation.owner_name}__{path_to_root}" if path_to_root else relation.owner
        related[relation.key] = relation.read(root, root_ids, viewer)
        for nested in relation.nested:
            if nested.relations:
                _read_relations(nested, root_ids, related, path_to_root=root, viewer=viewer)


def _model_field(model: type[models.Model], name: str):
    """The field, or reverse relation by its accessor name (`incidentofficial_set`)."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        for relation in model._meta.related_objects:
            if relation.get_accessor_name() == name:
                return relation
        return None


def _none_when_missing(drf_field) -> bool:
    """Whether DRF gives None for this field when its source is missing (a foreign key
    on the way is empty)."""
    default = drf_field.default
    if default is not drf_fields.empty:
        return default is None
    return drf_field.allow_null


def _compile(serializer: serializers.Serializer, model, *, prefix: str, path: str) -> _Plan:
    if type(serializer).to_representation is not serializers.Serializer.to_representation:
        raise ImproperlyConfigured(f"{path}: a serializer with its own to_representation")
    plan = _Plan(model=model, path=path, prefix=prefix)
    plan.pk_column = prefix + model._meta.pk.attname
    plan.columns.add(plan.pk_column)
    for name, drf_field in serializer.fields.items():
        if drf_field.write_only:
            continue
        plan.outputs.append((name, _compile_field(plan, drf_field, f"{path}.{name}")))
    plan.generate()
    return plan


def _stored_type(model_field) -> str:
    """The internal type of the column a model field stores (a foreign key: its target's)."""
    while model_field.is_relation:
        model_field = model_field.target_field
    return model_field.get_internal_type()


def _converted(plan: _Plan, drf_field, value: str, stored: str | None) -> str:
    """An expression for `value` (a column of type `stored`, None for a computed value)
    as `drf_field` represents it; None stays None, as in DRF's
    Serializer.to_representation."""
    unchanged = _UNCHANGED.get(type(drf_field), set())
    if type(drf_field) is drf_fields.BigIntegerField and getattr(
        drf_field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING
    ):
        unchanged = set()
    if stored in unchanged:
        return value
    if type(drf_field) is drf_fields.DateTimeField and _iso_format(drf_field, "DATETIME_FORMAT"):
        iso = plan.bind(_datetime_converter(drf_field), "datetime")
        return f"(None if (_v := {value}) is None else {iso}(_v, zone))"
    if type(drf_field) is drf_fields.DateField and _iso_format(drf_field, "DATE_FORMAT"):
        return f"(None if (_v := {value}) is None else _v.isoformat())"
    convert = plan.bind(drf_field.to_representation, "convert")
    return f"(None if (_v := {value}) is None else {convert}(_v))"


def _compile_field(plan: _Plan, drf_field, where: str) -> str:
    model, prefix = plan.model, plan.prefix
    attrs = drf_field.source_attrs
    if isinstance(
        drf_field,
        serializers.SerializerMethodField
        | relations.HyperlinkedRelatedField
        | drf_fields.FileField,
    ):
        raise ImproperlyConfigured(f"{where}: {type(drf_field).__name__} cannot be built in bulk")
    if drf_field.source == "*" or not attrs:
        raise ImproperlyConfigured(f"{where}: a field over the whole object cannot be built")

    model_field = _model_field(model, attrs[0]) if len(attrs) == 1 else None

    if isinstance(drf_field, relations.ManyRelatedField | serializers.ListSerializer):
        if prefix:
            raise ImproperlyConfigured(f"{where}: a list inside a nested object is not supported")
        return _compile_to_many(plan, drf_field, model_field, where)

    if isinstance(drf_field, serializers.BaseSerializer):
        if model_field is None or not (model_field.many_to_one or model_field.one_to_one):
            raise ImproperlyConfigured(f"{where}: a nested object must sit on a foreign key")
        nested = _compile(
            drf_field,
            model_field.related_model,
            prefix=f"{prefix}{model_field.name}__",
            path=where,
        )
        if nested.relations:
            raise ImproperlyConfigured(f"{where}: lists inside a nested object are not supported")
        plan.columns |= nested.columns
        build = plan.bind(nested.document, "nested")
        return f"(None if row[{nested.pk_column!r}] is None else {build}(row, related, zone))"

    if isinstance(drf_field, relations.PrimaryKeyRelatedField):
        if model_field is None or not (model_field.many_to_one or model_field.one_to_one):
            raise ImproperlyConfigured(f"{where}: a primary key field must sit on a foreign key")
        if drf_field.pk_field is not None:
            raise ImproperlyConfigured(f"{where}: pk_field is not supported")
        column = prefix + model_field.attname
        plan.columns.add(column)
        return f"row[{column!r}]"

    if isinstance(drf_field, relations.RelatedField):
        raise ImproperlyConfigured(f"{where}: {type(drf_field).__name__} is not supported")

    # A column, possibly across forward foreign keys: "official.name_en".
    current, lookups = model, []
    for position, attr in enumerate(attrs):
        found = _model_field(current, attr)
        last = position == len(attrs) - 1
        if found is None:
            if last and position == 0 and isinstance(getattr(model, attr, None), property):
                return _compile_computed(plan, drf_field, getattr(model, attr))
            raise ImproperlyConfigured(f"{where}: {attr!r} is not a field of {current.__name__}")
        if last:
            if found.is_relation and attr != getattr(found, "attname", None):
                raise ImproperlyConfigured(f"{where}: use a related field for {attr!r}")
            lookups.append(attr)  # a field, or a foreign key's column ("official_id")
        else:
            if not (found.many_to_one or found.one_to_one) or found.auto_created:
                raise ImproperlyConfigured(f"{where}: {attr!r} is not a forward foreign key")
            if found.null and not _none_when_missing(drf_field):
                # DRF would use the field's default, or leave the field out.
                raise ImproperlyConfigured(
                    f"{where}: {attr!r} may be empty; give the field default=None"
                )
            lookups.append(found.name)
            current = found.related_model
    column = prefix + "__".join(lookups)
    plan.columns.add(column)
    return _converted(plan, drf_field, f"row[{column!r}]", _stored_type(found))


def _compile_computed(plan: _Plan, drf_field, prop: property) -> str:
    """A model property computed from the model's own columns: every concrete column
    is read, and the property runs on the row."""
    prefix = plan.prefix
    names = [f.attname for f in plan.model._meta.concrete_fields]
    plan.columns |= {prefix + name for name in names}
    compute = plan.bind(prop.fget, "computed")
    view = plan.bind(_RowView, "view")
    if prefix:
        unprefixed = plan.bind(
            lambda row: {name: row[prefix + name] for name in names}, "unprefixed"
        )
        return _converted(plan, drf_field, f"{compute}({view}({unprefixed}(row)))", None)
    return _converted(plan, drf_field, f"{compute}({view}(row))", None)


def _compile_to_many(plan: _Plan, drf_field, model_field, where: str) -> str:
    """A list over a many-to-many relation (primary keys or nested objects) or over a
    reverse foreign key (nested objects)."""
    model = plan.model
    if model_field is None:
        raise ImproperlyConfigured(f"{where}: {drf_field.source!r} is not a relation")
    is_list = isinstance(drf_field, serializers.ListSerializer)
    pk = model._meta.pk.attname
    if model_field.many_to_many and not model_field.auto_created:
        # Forward many-to-many: read the link rows, with the target's columns joined.
        through = model_field.remote_field.through
        target = model_field.m2m_reverse_field_name()
        target_column = through._meta.get_field(target).attname
        target_model = model_field.related_model
        key = f"{plan.path}.{model_field.name}"
        owner = through._meta.get_field(model_field.m2m_field_name())
        relation = _relation(
            plan,
            key,
            through,
            owner=owner.attname,
            owner_name=owner.name,
            ordering=[
                *_prefixed_ordering(target_model._meta.ordering, f"{target}__", set()),
                target_column,
            ],
        )
        if not is_list:
            child = drf_field.child_relation
            if not isinstance(child, relations.PrimaryKeyRelatedField) or child.pk_field:
                raise ImproperlyConfigured(f"{where}: only primary keys of a list are supported")
            relation.columns.add(target_column)
            return f"[item[{target_column!r}] for item in related[{key!r}].get(row[{pk!r}], ())]"
        nested = _compile(drf_field.child, target_model, prefix=f"{target}__", path=where)
        if nested.relations:
            raise ImproperlyConfigured(f"{where}: lists inside a listed object are not supported")
        relation.columns |= nested.columns
    elif model_field.one_to_many and is_list:
        # Reverse foreign key: the related rows themselves, grouped by their owner.
        child_model = model_field.related_model
        owner_field = model_field.field
        key = f"{plan.path}.{model_field.get_accessor_name()}"
        relation = _relation(
            plan,
            key,
            child_model,
            owner=owner_field.attname,
            owner_name=owner_field.name,
            ordering=[
                *_prefixed_ordering(
                    child_model._meta.ordering, "", {owner_field.name, owner_field.attname}
                ),
                child_model._meta.pk.attname,
            ],
        )
        nested = _compile(drf_field.child, child_model, prefix="", path=where)
        relation.columns |= nested.columns
    else:
        raise ImproperlyConfigured(
            f"{where}: only lists over a many-to-many relation or a reverse foreign key "
            "are supported"
        )
    relation.nested.append(nested)
    build = plan.bind(nested.document, "nested")
    return f"[{build}(item, related, zone) for item in related[{key!r}].get(row[{pk!r}], ())]"


def _relation(
    plan: _Plan, key: str, model, *, owner: str, owner_name: str, ordering: list[str]
) -> _ToMany:
    for relation in plan.relations:
        if relation.key == key:
            return relation
    relation = _ToMany(key=key, model=model, owner=owner, owner_name=owner_name, ordering=ordering)
    plan.relations.append(relation)
    return relation
