"""Directory operations on the database: load the shipped directories, import and export
files, resolve names with the jurisdiction's units and aliases, learn an alias from a
review. Each change runs in one transaction with its audit events."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from nhiemvu.audit.services import diff, record, snapshot
from nhiemvu.directory import builtin
from nhiemvu.directory.io import DirectoryFileError, UnitRow, read_file, validate, write
from nhiemvu.directory.matcher import Matcher, Resolution, UnitEntry, fold_key
from nhiemvu.directory.models import Alias, Jurisdiction, Unit
from nhiemvu.directory.names import Place, clean, key


class DirectoryError(ValueError):
    """A directory operation that cannot be done; the message is for the user."""


# ---------------------------------------------------------------- jurisdictions


def builtin_slugs() -> list[str]:
    return [j.slug for j in builtin.jurisdictions()]


def get_jurisdiction(jurisdiction: Jurisdiction | str) -> Jurisdiction:
    if isinstance(jurisdiction, Jurisdiction):
        return jurisdiction
    try:
        return Jurisdiction.objects.get(slug=jurisdiction)
    except Jurisdiction.DoesNotExist:
        hint = " Chạy `nhiemvu directory load` để nạp danh bạ dựng sẵn." if jurisdiction in builtin_slugs() else ""
        raise DirectoryError(f"Chưa có địa bàn \"{jurisdiction}\" trong danh bạ.{hint}") from None


def jurisdiction_for_issuer(issuer: str | None) -> Jurisdiction | None:
    """The jurisdiction a document's issuer names ("UBND thành phố Vũng Tàu"), if known."""
    if not issuer:
        return None
    words = key(issuer).split()
    for j in Jurisdiction.objects.all():
        place = Place.parse(j.name)
        if place.name and _contains(words, list(place.name)):
            return j
    return None


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


@transaction.atomic
def load_builtin(slug: str, actor=None) -> Jurisdiction:
    """Create or bring up to date a shipped directory (idempotent: a second run changes
    nothing and writes no audit event)."""
    try:
        data = builtin.get(slug)
    except KeyError as exc:
        raise DirectoryError(str(exc.args[0])) from None
    jurisdiction, created = Jurisdiction.objects.get_or_create(
        slug=data.slug, defaults={"name": data.name, "level": data.level}
    )
    if created:
        record("directory.jurisdiction.create", jurisdiction, actor=actor, after=snapshot(jurisdiction),
               note="Nạp danh bạ dựng sẵn")
    import_rows(jurisdiction, builtin.rows(slug), data.units_file, actor=actor, source=Alias.Source.DATA)
    return jurisdiction


def create_jurisdiction(slug: str, name: str, level: str = Jurisdiction.Level.CITY, actor=None) -> Jurisdiction:
    with transaction.atomic():
        if Jurisdiction.objects.filter(slug=slug).exists():
            raise DirectoryError(f"Địa bàn \"{slug}\" đã có.")
        j = Jurisdiction.objects.create(slug=slug, name=clean(name), level=level)
        record("directory.jurisdiction.create", j, actor=actor, after=snapshot(j))
    return j


# ---------------------------------------------------------------- import / export


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    aliases_added: int = 0

    def summary(self) -> str:
        return (f"Thêm {len(self.created)} đơn vị, cập nhật {len(self.updated)}, giữ nguyên {self.unchanged}, "
                f"thêm {self.aliases_added} tên gọi khác.")


_UNIT_FIELDS = ("name", "short_name", "kind", "email", "uncertain", "note", "sort_order", "parent_id")


def import_file(jurisdiction: Jurisdiction | str, path: Path | str, actor=None) -> ImportResult:
    path = Path(path)
    rows = read_file(path)
    return import_rows(get_jurisdiction(jurisdiction), rows, path.name, actor=actor, source=Alias.Source.MANUAL)


@transaction.atomic
def import_rows(
    jurisdiction: Jurisdiction, rows: list[UnitRow], filename: str, actor=None, source: str = Alias.Source.MANUAL
) -> ImportResult:
    """Add or update units by name (accents and case ignored); all rows or none."""
    existing = {key(u.name): u for u in Unit.objects.filter(jurisdiction=jurisdiction)}
    validate(rows, filename, [u.name for u in existing.values()])
    _check_aliases(jurisdiction, rows, filename, existing)
    result = ImportResult()
    by_key: dict[str, Unit] = dict(existing)
    for order, row in enumerate(rows, start=1):
        unit = by_key.get(key(row.name))
        values = {"name": row.name, "short_name": row.short_name, "kind": row.kind, "email": row.email,
                  "uncertain": row.uncertain, "note": row.note, "sort_order": order}
        if unit is None:
            unit = Unit(jurisdiction=jurisdiction, **values)
            unit.full_clean(exclude=["parent"], validate_unique=False)
            unit.save()
            by_key[key(row.name)] = unit
            result.created.append(unit.name)
            record("directory.unit.create", unit, actor=actor, after=snapshot(unit, _UNIT_FIELDS), unit=unit,
                   note=f"Nhập từ {filename}")
        else:
            before = snapshot(unit, _UNIT_FIELDS)
            for name, value in values.items():
                setattr(unit, name, value)
            after = snapshot(unit, _UNIT_FIELDS)
            old, new = diff(before, after)
            if old or new:
                unit.full_clean(exclude=["parent"], validate_unique=False)
                unit.save()
                result.updated.append(unit.name)
                record("directory.unit.update", unit, actor=actor, before=old, after=new, unit=unit,
                       note=f"Nhập từ {filename}")
            else:
                result.unchanged += 1
    # Parents once every unit of the file exists.
    for row in rows:
        unit = by_key[key(row.name)]
        parent_id = by_key[key(row.parent)].pk if row.parent else None
        if unit.parent_id != parent_id:
            before = {"parent_id": unit.parent_id}
            unit.parent_id = parent_id
            unit.save(update_fields=["parent"])
            if unit.name not in result.created and unit.name not in result.updated:
                result.updated.append(unit.name)
                result.unchanged -= 1
            record("directory.unit.update", unit, actor=actor, before=before, after={"parent_id": parent_id},
                   unit=unit, note=f"Nhập từ {filename}")
        for text in row.aliases:
            if _add_alias(jurisdiction, unit, text, source, actor):
                result.aliases_added += 1
    return result


def _check_aliases(jurisdiction: Jurisdiction, rows: list[UnitRow], filename: str,
                   existing: dict[str, Unit]) -> None:
    taken = {a.folded: a for a in Alias.objects.filter(jurisdiction=jurisdiction).select_related("unit")}
    problems = []
    for row in rows:
        for text in row.aliases:
            alias = taken.get(fold_key(text))
            if alias is not None and key(alias.unit.name) != key(row.name):
                problems.append(f"dòng {row.line}: tên gọi khác \"{text}\" đang thuộc đơn vị \"{alias.unit.name}\".")
    if problems:
        raise DirectoryFileError(filename, problems)


def _add_alias(jurisdiction: Jurisdiction, unit: Unit, text: str, source: str, actor) -> bool:
    folded = fold_key(text)
    if not folded or Alias.objects.filter(jurisdiction=jurisdiction, folded=folded).exists():
        return False
    alias = Alias.objects.create(jurisdiction=jurisdiction, unit=unit, text=clean(text), folded=folded, source=source)
    record("directory.alias.create", alias, actor=actor, after=snapshot(alias), unit=unit)
    return True


def export_rows(jurisdiction: Jurisdiction | str) -> list[UnitRow]:
    j = get_jurisdiction(jurisdiction)
    units = list(Unit.objects.filter(jurisdiction=j).select_related("parent").prefetch_related("aliases"))
    return [
        UnitRow(name=u.name, short_name=u.short_name, kind=u.kind, parent=u.parent.name if u.parent else "",
                aliases=sorted(a.text for a in u.aliases.all()), email=u.email, uncertain=u.uncertain,
                note=u.note, line=n)
        for n, u in enumerate(units, start=2)
    ]


def export_file(jurisdiction: Jurisdiction | str, path: Path | str) -> int:
    path = Path(path)
    rows = export_rows(jurisdiction)
    path.write_bytes(write(rows, path.name))
    return len(rows)


# ---------------------------------------------------------------- resolution


def matcher_for(jurisdiction: Jurisdiction | str) -> Matcher:
    """A Matcher over the jurisdiction's active units and all its aliases."""
    j = get_jurisdiction(jurisdiction)
    units = [UnitEntry(u.pk, u.name, u.kind, u.short_name, u.parent_id)
             for u in Unit.objects.filter(jurisdiction=j, is_active=True)]
    aliases = list(Alias.objects.filter(jurisdiction=j, unit__is_active=True).values_list("text", "unit_id"))
    return Matcher(units, aliases, jurisdiction_name=j.name)


def resolve_names(jurisdiction: Jurisdiction | str, names: list[str]) -> list[Resolution]:
    """One Resolution per name, in order (see matcher.Resolution for the statuses)."""
    return matcher_for(jurisdiction).resolve_all(names)


def split_and_resolve(jurisdiction: Jurisdiction | str, text: str) -> list[Resolution]:
    """Split a responsibility cell with the directory's names, then resolve each agency."""
    m = matcher_for(jurisdiction)
    return m.resolve_all(m.split(text))


@transaction.atomic
def learn_alias(jurisdiction: Jurisdiction | str, text: str, unit: Unit, actor=None) -> Alias:
    """Remember that `text` means `unit` in this jurisdiction; used by every later
    resolution. A name already taught for another unit is moved (and logged)."""
    j = get_jurisdiction(jurisdiction)
    if unit.jurisdiction_id != j.pk:
        raise DirectoryError(f"Đơn vị \"{unit.name}\" không thuộc địa bàn \"{j.name}\".")
    text = clean(text)
    folded = fold_key(text)
    if not folded:
        raise DirectoryError("Tên gọi khác không được để trống.")
    alias = Alias.objects.select_for_update().filter(jurisdiction=j, folded=folded).first()
    if alias is None:
        alias = Alias.objects.create(jurisdiction=j, unit=unit, text=text, folded=folded, source=Alias.Source.LEARNED)
        record("directory.alias.learn", alias, actor=actor, after=snapshot(alias), unit=unit,
               note=f"\"{text}\" → {unit.name}")
        return alias
    if alias.unit_id == unit.pk:
        return alias
    before = snapshot(alias)
    alias.unit = unit
    alias.text = text
    alias.source = Alias.Source.LEARNED
    alias.save()
    old, new = diff(before, snapshot(alias))
    record("directory.alias.learn", alias, actor=actor, before=old, after=new, unit=unit,
           note=f"\"{text}\" → {unit.name} (đổi đơn vị)")
    return alias
