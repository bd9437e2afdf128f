"""The directories shipped with the package (data/), readable without a database: the
services load them into the DB, tests and benchmarks build a Matcher from them directly."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from nhiemvu.directory.io import UnitRow, read_bytes
from nhiemvu.directory.matcher import Matcher, UnitEntry


@dataclass(frozen=True)
class BuiltinJurisdiction:
    slug: str
    name: str
    level: str
    units_file: str
    note: str = ""


def _data(name: str) -> bytes:
    return resources.files("nhiemvu.directory").joinpath("data", name).read_bytes()


@cache
def jurisdictions() -> tuple[BuiltinJurisdiction, ...]:
    items = json.loads(_data("jurisdictions.json").decode("utf-8"))
    return tuple(BuiltinJurisdiction(i["slug"], i["name"], i.get("level", "city"), i["units"], i.get("note", ""))
                 for i in items)


def get(slug: str) -> BuiltinJurisdiction:
    for j in jurisdictions():
        if j.slug == slug:
            return j
    known = ", ".join(j.slug for j in jurisdictions())
    raise KeyError(f"Không có danh bạ dựng sẵn \"{slug}\" (có: {known}).")


def rows(slug: str) -> list[UnitRow]:
    j = get(slug)
    return read_bytes(_data(j.units_file), j.units_file)


def matcher(slug: str) -> tuple[Matcher, dict[str, int]]:
    """A Matcher over the shipped data (ids are row positions) and the name → id map."""
    j = get(slug)
    unit_rows = rows(slug)
    ids = {r.name: n for n, r in enumerate(unit_rows, start=1)}
    entries = [UnitEntry(ids[r.name], r.name, r.kind, r.short_name, ids.get(r.parent)) for r in unit_rows]
    aliases = [(a, ids[r.name]) for r in unit_rows for a in r.aliases]
    return Matcher(entries, aliases, jurisdiction_name=j.name), ids
