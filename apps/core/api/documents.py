"""Documents built in bulk from a serializer's own definition.

A list page or an export of thousands of records through DRF's nested serializers pays,
for every field of every row, attribute lookups on model instances, prefetch caches and
per-object dictionaries (about 1.5 ms an incident). `SerializerDocuments` reads the
serializer's declared fields once and compiles them into a plan: which columns to read
with `values()`, which to-many relations to read with one query each per chunk of
records, and how to turn each value into JSON with the serializer field's own
`to_representation`. The serializer stays the one definition of the document, of its
OpenAPI schema and of what a write accepts; the plan only decides how to read it.

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

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models import Q
from rest_framework import fields as drf_fields
from rest_framework import relations, serializers

# Fields whose to_representation returns a value read from the database unchanged
# (str stays str, int stays int, bool stays bool, a choice stays its stored value):
# skipping the call is what keeps the builder as fast as hand-written code.
_UNCHANGED = {
    drf_fields.CharField,
    drf_fields.IntegerField,
    drf_fields.BooleanField,
    drf_fields.ChoiceField,
}

Row = dict[str, Any]
Related = dict[str, dict[Any, list[Row]]]


def _among(column: str, ids: list) -> Q:
    """`column` is one of `ids` (sorted). A dense run of ids is asked for as a range,
    which is cheaper to plan than a list of thousands; rows in the range whose owner is
    not among `ids` are never looked up."""
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


def _converter(drf_field: drf_fields.Field) -> Callable[[Any], Any]:
    if type(drf_field) in _UNCHANGED:
        return lambda value: value
    to_representation = drf_field.to_representation
    return lambda value: None if value is None else to_representation(value)


@dataclass
class _ToMany:
    """One to-many relation read for a chunk: rows grouped by their owner's id."""

    key: str
    model: type[models.Model]  # the model whose rows are read
    owner: str  # the column that holds the owner's id
    ordering: list[str]
    columns: set[str] = field(default_factory=set)
    nested: list[_Plan] = field(default_factory=list)

    def read(self, owner_ids: list) -> dict[Any, list[Row]]:
        rows = (
            self.model._default_manager.filter(_among(self.owner, owner_ids))
            .order_by(*self.ordering)
            .values(self.owner, *sorted(self.columns))
        )
        grouped: dict[Any, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[row[self.owner]].append(row)
        return grouped


@dataclass
class _Plan:
    """How to build one serializer's documents from rows of its model.

    `prefix` is set for a serializer nested over a foreign key (its columns are read
    through the owner's row) or over a many-to-many relation (through the link row).
    """

    model: type[models.Model]
    path: str
    prefix: str = ""
    columns: set[str] = field(default_factory=set)
    outputs: list[tuple[str, Callable[[Row, Related], Any]]] = field(default_factory=list)
    relations: list[_ToMany] = field(default_factory=list)
    pk_column: str = ""

    def document(self, row: Row, related: Related) -> dict:
        return {name: output(row, related) for name, output in self.outputs}


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

    def build(self, ids: Iterable) -> list[dict]:
        """The documents of the records `ids`, in that order; ids of records that do not
        exist are skipped. A fixed number of queries, whatever the number of ids."""
        wanted = list(ids)
        if not wanted:
            return []
        plan = self.plan
        ordered = sorted(set(wanted))
        rows = {
            row[plan.pk_column]: row
            for row in plan.model._default_manager.filter(_among("pk", ordered))
            .order_by()
            .values(*sorted(plan.columns))
        }
        related: Related = {}
        _read_relations(plan, sorted(rows), related)
        return [plan.document(rows[pk], related) for pk in wanted if pk in rows]


def _read_relations(plan: _Plan, owner_ids: list, related: Related) -> None:
    for relation in plan.relations:
        grouped = relation.read(owner_ids)
        related[relation.key] = grouped
        for nested in relation.nested:
            if nested.relations:
                child_ids = sorted(
                    {row[nested.pk_column] for rows in grouped.values() for row in rows}
                )
                _read_relations(nested, child_ids, related)


def _model_field(model: type[models.Model], name: str):
    """The field, or reverse relation by its accessor name (`incidentofficial_set`)."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        for relation in model._meta.related_objects:
            if relation.get_accessor_name() == name:
                return relation
        return None


def _compile(serializer: serializers.Serializer, model, *, prefix: str, path: str) -> _Plan:
    plan = _Plan(model=model, path=path, prefix=prefix)
    plan.pk_column = prefix + model._meta.pk.attname
    plan.columns.add(plan.pk_column)
    for name, drf_field in serializer.fields.items():
        if drf_field.write_only:
            continue
        where = f"{path}.{name}"
        plan.outputs.append((name, _compile_field(plan, drf_field, where)))
    return plan


def _compile_field(plan: _Plan, drf_field, where: str) -> Callable[[Row, Related], Any]:
    model, prefix = plan.model, plan.prefix
    attrs = drf_field.source_attrs
    if drf_field.source == "*" or not attrs:
        raise ImproperlyConfigured(f"{where}: a field over the whole object cannot be built")
    if isinstance(drf_field, serializers.SerializerMethodField | relations.HyperlinkedRelatedField):
        raise ImproperlyConfigured(f"{where}: {type(drf_field).__name__} cannot be built in bulk")

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
        pk_column = nested.pk_column
        return lambda row, related: (
            None if row[pk_column] is None else nested.document(row, related)
        )

    if isinstance(drf_field, relations.PrimaryKeyRelatedField):
        if model_field is None or (not model_field.many_to_one and not model_field.one_to_one):
            raise ImproperlyConfigured(f"{where}: a primary key field must sit on a foreign key")
        if drf_field.pk_field is not None:
            raise ImproperlyConfigured(f"{where}: pk_field is not supported")
        column = prefix + model_field.attname
        plan.columns.add(column)
        return lambda row, related: row[column]

    if isinstance(drf_field, relations.RelatedField):
        raise ImproperlyConfigured(f"{where}: {type(drf_field).__name__} is not supported")

    convert = _converter(drf_field)
    # A column, possibly across forward foreign keys: "official.name_en".
    current, lookups = model, []
    for position, attr in enumerate(attrs):
        found = _model_field(current, attr)
        last = position == len(attrs) - 1
        if found is None:
            if last and position == 0 and isinstance(getattr(model, attr, None), property):
                return _compile_computed(plan, getattr(model, attr), convert)
            raise ImproperlyConfigured(f"{where}: {attr!r} is not a field of {current.__name__}")
        if last:
            if found.is_relation and attr != getattr(found, "attname", None):
                raise ImproperlyConfigured(f"{where}: use a related field for {attr!r}")
            lookups.append(attr)  # a field, or a foreign key's column ("official_id")
        else:
            if not (found.many_to_one or found.one_to_one) or found.auto_created:
                raise ImproperlyConfigured(f"{where}: {attr!r} is not a forward foreign key")
            lookups.append(found.name)
            current = found.related_model
    column = prefix + "__".join(lookups)
    plan.columns.add(column)
    return lambda row, related: convert(row[column])


def _compile_computed(plan: _Plan, prop: property, convert) -> Callable[[Row, Related], Any]:
    """A model property computed from the model's own columns: every concrete column
    is read, and the property runs on the row."""
    prefix = plan.prefix
    names = [f.attname for f in plan.model._meta.concrete_fields]
    for name in names:
        plan.columns.add(prefix + name)
    compute = prop.fget
    if not prefix:
        return lambda row, related: convert(compute(_RowView(row)))
    return lambda row, related: convert(
        compute(_RowView({name: row[prefix + name] for name in names}))
    )


def _compile_to_many(plan: _Plan, drf_field, model_field, where: str):
    """A list over a many-to-many relation (primary keys or nested objects) or over a
    reverse foreign key (nested objects)."""
    model = plan.model
    if model_field is None:
        raise ImproperlyConfigured(f"{where}: {drf_field.source!r} is not a relation")
    is_list = isinstance(drf_field, serializers.ListSerializer)
    if model_field.many_to_many and not model_field.auto_created:
        # Forward many-to-many: read the link rows, with the target's columns joined.
        through = model_field.remote_field.through
        owner = model_field.m2m_field_name()
        target = model_field.m2m_reverse_field_name()
        target_model = model_field.related_model
        key = f"{plan.path}.{model_field.name}"
        relation = _relation(
            plan,
            key,
            through,
            owner=through._meta.get_field(owner).attname,
            ordering=[
                *_prefixed_ordering(target_model._meta.ordering, f"{target}__", set()),
                through._meta.get_field(target).attname,
            ],
        )
        if not is_list:
            child = drf_field.child_relation
            if not isinstance(child, relations.PrimaryKeyRelatedField) or child.pk_field:
                raise ImproperlyConfigured(f"{where}: only primary keys of a list are supported")
            column = through._meta.get_field(target).attname
            relation.columns.add(column)
            pk = model._meta.pk.attname
            return lambda row, related: [item[column] for item in related[key].get(row[pk], ())]
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
    pk = model._meta.pk.attname
    return lambda row, related: [
        nested.document(item, related) for item in related[key].get(row[pk], ())
    ]


def _relation(plan: _Plan, key: str, model, *, owner: str, ordering: list[str]) -> _ToMany:
    for relation in plan.relations:
        if relation.key == key:
            return relation
    relation = _ToMany(key=key, model=model, owner=owner, ordering=ordering)
    plan.relations.append(relation)
    return relation
