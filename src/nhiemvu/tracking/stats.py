"""The maintained statistics structure: task facts copied onto assignments, and the per-plan
tally of settled work (PlanTally). Kept by database triggers, so every writer keeps it right:
services, imports, the admin, `queryset.update()`, raw SQL, bulk COPY. `rebuild()` recomputes
both from the tasks (repair; after a bulk load with the triggers paused).

The same trigger bodies are written for SQLite and PostgreSQL; only the wrapping differs.
Also here: `plan_scope(qs)`, which tells whether a task queryset is "every task of some plans"
(its filters only touch the plan), the condition for reading the maintained structure.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from nhiemvu.tracking.keys import NO_DUE

TASK = "tracking_task"
ASSIGNMENT = "tracking_assignment"
TALLY = "tracking_plantally"

# Task columns the copies and the tally depend on.
FACTS = ("plan_id", "start", "due", "extended_due", "completed_on", "cancelled", "recurring")
COPIES = ("t_plan_id", "t_start", "t_eff_key", "t_due_key", "t_completed_on", "t_cancelled", "t_recurring")
TALLY_COLS = ("cancelled", "on_time", "late", "on_time_original", "late_original", "open_recurring", "open_dated")


def _nd(vendor: str) -> str:
    return f"'{NO_DUE.isoformat()}'" + ("::date" if vendor == "postgresql" else "")


def _copy_exprs(r: str, vendor: str) -> list[str]:
    """The COPIES values computed from task row alias `r`."""
    nd = _nd(vendor)
    return [f"{r}.plan_id", f"{r}.start", f"COALESCE({r}.extended_due, {r}.due, {nd})", f"COALESCE({r}.due, {nd})",
            f"{r}.completed_on", f"{r}.cancelled", f"{r}.recurring"]


def _tally_exprs(r: str, vendor: str) -> list[str]:
    """What task row `r` adds to its plan's tally, one 0/1 per TALLY_COLS (same rule as the
    status: on time when completed on or before the due date, or there is none; open work is
    recurring when flagged or without a due date, else dated)."""
    nd = _nd(vendor)
    live_done = f"NOT {r}.cancelled AND {r}.completed_on IS NOT NULL"
    live_open = f"NOT {r}.cancelled AND {r}.completed_on IS NULL"
    eff, orig = f"COALESCE({r}.extended_due, {r}.due, {nd})", f"COALESCE({r}.due, {nd})"
    return [f"CASE WHEN {r}.cancelled THEN 1 ELSE 0 END",
            f"CASE WHEN {live_done} AND {r}.completed_on <= {eff} THEN 1 ELSE 0 END",
            f"CASE WHEN {live_done} AND {r}.completed_on > {eff} THEN 1 ELSE 0 END",
            f"CASE WHEN {live_done} AND {r}.completed_on <= {orig} THEN 1 ELSE 0 END",
            f"CASE WHEN {live_done} AND {r}.completed_on > {orig} THEN 1 ELSE 0 END",
            f"CASE WHEN {live_open} AND ({r}.recurring OR {eff} = {nd}) THEN 1 ELSE 0 END",
            f"CASE WHEN {live_open} AND NOT {r}.recurring AND {eff} < {nd} THEN 1 ELSE 0 END"]


def _refresh_copies(where: str, vendor: str) -> str:
    """Set the copies of the assignments selected by `where` from their task."""
    cols = ", ".join(COPIES)
    exprs = ", ".join(_copy_exprs("t", vendor))
    return (f"UPDATE {ASSIGNMENT} SET ({cols}) = (SELECT {exprs} FROM {TASK} t "
            f"WHERE t.id = {ASSIGNMENT}.task_id) WHERE {where}")


def _tally_add(r: str, sign: str, vendor: str) -> str:
    sets = ", ".join(f"{c} = {c} {sign} {e}" for c, e in zip(TALLY_COLS, _tally_exprs(r, vendor), strict=True))
    return f"UPDATE {TALLY} SET {sets} WHERE plan_id = {r}.plan_id"


def _tally_row(r: str, vendor: str) -> str:
    cols = ", ".join(("plan_id", *TALLY_COLS))
    zeros = ", ".join("0" for _ in TALLY_COLS)
    if vendor == "postgresql":
        return f"INSERT INTO {TALLY} ({cols}) VALUES ({r}.plan_id, {zeros}) ON CONFLICT DO NOTHING"
    return f"INSERT OR IGNORE INTO {TALLY} ({cols}) VALUES ({r}.plan_id, {zeros})"


def _changed(vendor: str) -> str:
    op = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    return " OR ".join(f"OLD.{c} {op} NEW.{c}" for c in FACTS)


_PG_TRIGGERS = ("nhiemvu_task_ins", "nhiemvu_task_upd", "nhiemvu_task_del", "nhiemvu_assignment_facts")
_SQLITE_TRIGGERS = ("nhiemvu_task_ins", "nhiemvu_task_upd", "nhiemvu_task_del", "nhiemvu_assignment_ins",
                    "nhiemvu_assignment_upd")


def _sqlite_install() -> list[str]:
    v = "sqlite"
    # Recursive triggers are off (SQLite's default): the refresh inside the assignment
    # triggers does not fire them again.
    return [
        f"CREATE TRIGGER nhiemvu_task_ins AFTER INSERT ON {TASK} BEGIN "
        f"{_tally_row('NEW', v)}; {_tally_add('NEW', '+', v)}; {_refresh_copies('task_id = NEW.id', v)}; END",
        f"CREATE TRIGGER nhiemvu_task_upd AFTER UPDATE OF {', '.join(FACTS)} ON {TASK} WHEN {_changed(v)} BEGIN "
        f"{_tally_add('OLD', '-', v)}; {_tally_row('NEW', v)}; {_tally_add('NEW', '+', v)}; "
        f"{_refresh_copies('task_id = NEW.id', v)}; END",
        f"CREATE TRIGGER nhiemvu_task_del AFTER DELETE ON {TASK} BEGIN {_tally_add('OLD', '-', v)}; END",
        f"CREATE TRIGGER nhiemvu_assignment_ins AFTER INSERT ON {ASSIGNMENT} BEGIN "
        f"{_refresh_copies('id = NEW.id', v)}; END",
        # Any write of the task link or of a copy (a full save() writes stale copies) is redone.
        f"CREATE TRIGGER nhiemvu_assignment_upd AFTER UPDATE OF task_id, {', '.join(COPIES)} ON {ASSIGNMENT} "
        f"BEGIN {_refresh_copies('id = NEW.id', v)}; END",
    ]


def _pg_install() -> list[str]:
    v = "postgresql"
    into = ", ".join(f"NEW.{c}" for c in COPIES)
    return [
        f"""CREATE OR REPLACE FUNCTION nhiemvu_task_facts() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {_tally_add('OLD', '-', v)};
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {_tally_row('NEW', v)};
    {_tally_add('NEW', '+', v)};
    {_refresh_copies('task_id = NEW.id', v)};
  END IF;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
        # Whatever the application writes into the copies, they are taken from the task.
        f"""CREATE OR REPLACE FUNCTION nhiemvu_assignment_facts() RETURNS trigger AS $$
BEGIN
  SELECT {', '.join(_copy_exprs('t', v))} INTO {into} FROM {TASK} t WHERE t.id = NEW.task_id;
  RETURN NEW;
END $$ LANGUAGE plpgsql""",
        f"CREATE TRIGGER nhiemvu_task_ins AFTER INSERT ON {TASK} FOR EACH ROW EXECUTE FUNCTION nhiemvu_task_facts()",
        f"CREATE TRIGGER nhiemvu_task_upd AFTER UPDATE ON {TASK} FOR EACH ROW WHEN ({_changed(v)}) "
        "EXECUTE FUNCTION nhiemvu_task_facts()",
        f"CREATE TRIGGER nhiemvu_task_del AFTER DELETE ON {TASK} FOR EACH ROW EXECUTE FUNCTION nhiemvu_task_facts()",
        f"CREATE TRIGGER nhiemvu_assignment_facts BEFORE INSERT OR UPDATE ON {ASSIGNMENT} FOR EACH ROW "
        "EXECUTE FUNCTION nhiemvu_assignment_facts()",
    ]


def install_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return _pg_install()
    if vendor == "sqlite":
        return _sqlite_install()
    raise NotImplementedError(f"Chưa hỗ trợ CSDL {vendor}.")


def drop_sql(vendor: str) -> list[str]:
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS nhiemvu_task_ins ON {TASK}", f"DROP TRIGGER IF EXISTS nhiemvu_task_upd ON {TASK}",
                f"DROP TRIGGER IF EXISTS nhiemvu_task_del ON {TASK}",
                f"DROP TRIGGER IF EXISTS nhiemvu_assignment_facts ON {ASSIGNMENT}",
                "DROP FUNCTION IF EXISTS nhiemvu_task_facts()", "DROP FUNCTION IF EXISTS nhiemvu_assignment_facts()"]
    return [f"DROP TRIGGER IF EXISTS {name}" for name in _SQLITE_TRIGGERS]


def rebuild_sql(vendor: str) -> list[str]:
    """Recompute the copies (only rows that differ) and the tally from the tasks."""
    op = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
    exprs = _copy_exprs("t", vendor)
    differs = " OR ".join(f"{ASSIGNMENT}.{c} {op} {e}" for c, e in zip(COPIES, exprs, strict=True))
    sums = ", ".join(f"SUM({e})" for e in _tally_exprs("t", vendor))
    return [
        f"UPDATE {ASSIGNMENT} SET ({', '.join(COPIES)}) = ({', '.join(exprs)}) FROM {TASK} t "
        f"WHERE t.id = {ASSIGNMENT}.task_id AND ({differs})",
        f"DELETE FROM {TALLY}",
        f"INSERT INTO {TALLY} (plan_id, {', '.join(TALLY_COLS)}) SELECT t.plan_id, {sums} FROM {TASK} t "
        "GROUP BY t.plan_id",
    ]


def install(connection) -> None:
    with connection.cursor() as cur:
        for sql in drop_sql(connection.vendor) + install_sql(connection.vendor):
            cur.execute(sql)


def installed(connection) -> bool:
    """Whether every trigger is in place (False before the migration, or after SQLite rebuilt a table)."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute("SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname IN (%s, %s, %s, %s)",
                        list(_PG_TRIGGERS))
            return cur.fetchone()[0] == len(_PG_TRIGGERS)
        marks = ", ".join("%s" for _ in _SQLITE_TRIGGERS)
        cur.execute(f"SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})",
                    list(_SQLITE_TRIGGERS))
        return cur.fetchone()[0] == len(_SQLITE_TRIGGERS)


def ensure(connection) -> bool:
    """Reinstall the triggers and rebuild when some are missing (only once the tables exist).
    Returns True when it had to."""
    tables = set(connection.introspection.table_names())
    if not {TASK, ASSIGNMENT, TALLY} <= tables:
        return False
    columns = {c.name for c in connection.introspection.get_table_description(connection.cursor(), ASSIGNMENT)}
    if "t_eff_key" not in columns or installed(connection):
        return False
    install(connection)
    rebuild(connection)
    return True


def rebuild(connection=None) -> int:
    """Recompute the maintained structure; returns the number of assignment rows corrected."""
    from django.db import connection as default
    from django.db import transaction

    conn = connection or default
    with transaction.atomic(using=conn.alias), conn.cursor() as cur:
        fixed = 0
        for i, sql in enumerate(rebuild_sql(conn.vendor)):
            cur.execute(sql)
            if i == 0:
                fixed = max(cur.rowcount, 0)
    return fixed


@contextlib.contextmanager
def paused(connection=None) -> Iterator[None]:
    """Bulk loads: drop the triggers, load, then reinstall them and rebuild (one pass over the
    tables instead of a trigger call per row)."""
    from django.db import connection as default

    conn = connection or default
    with conn.cursor() as cur:
        for sql in drop_sql(conn.vendor):
            cur.execute(sql)
    try:
        yield
    finally:
        install(conn)
        rebuild(conn)


# ---------------------------------------------------------------- plan-level querysets


class _NotPlanLevel(Exception):
    pass


def plan_scope(qs):
    """Plans whose tasks are exactly `qs`, as a Plan queryset, when every filter of the task
    queryset reads only the plan (its id, its columns, columns of what it points to); None
    otherwise (anything else, or anything not understood, takes the general path)."""
    from django.db.models import ForeignKey, Q
    from django.db.models.expressions import Col
    from django.db.models.lookups import Lookup
    from django.db.models.sql.datastructures import Join
    from django.db.models.sql.query import Query
    from django.db.models.sql.where import WhereNode

    from nhiemvu.tracking.models import Plan, Task

    query = qs.query
    if query.model is not Task or query.is_sliced or query.distinct or query.combinator or query.extra:
        return None
    base = query.get_initial_alias()
    plan_field = Task._meta.get_field("plan")

    def path_of(col: Col) -> str:
        """The lookup path from Plan to the column, through single-valued inner joins."""
        hops: list = []
        alias = col.alias
        while alias != base:
            join = query.alias_map.get(alias)
            if not isinstance(join, Join) or join.join_type != "INNER JOIN" or not isinstance(join.join_field,
                                                                                               ForeignKey):
                raise _NotPlanLevel
            hops.append(join.join_field)
            alias = join.parent_alias
        hops.reverse()
        if not hops:  # a column of the task itself: only its plan
            if col.target != plan_field:
                raise _NotPlanLevel
            return "pk"
        if hops[0] != plan_field:
            raise _NotPlanLevel
        return "__".join([f.name for f in hops[1:]] + [col.target.name])

    def value_ok(value) -> bool:
        if isinstance(value, Query):
            return value.model is not None and not value.external_aliases
        if isinstance(value, list | tuple | set | frozenset):
            return all(value_ok(v) for v in value)
        return not hasattr(value, "resolve_expression")

    def rebase(node) -> Q:
        if isinstance(node, WhereNode):
            out = Q()
            for i, child in enumerate(node.children):
                part = rebase(child)
                out = part if i == 0 else (out & part if node.connector == "AND" else out | part)
            return ~out if node.negated else out
        if not isinstance(node, Lookup) or not isinstance(node.lhs, Col) or not value_ok(node.rhs):
            raise _NotPlanLevel
        path = path_of(node.lhs)
        rhs = node.rhs
        if isinstance(rhs, Query):
            from django.db.models import QuerySet

            rhs = QuerySet(model=rhs.model, query=rhs)
        return Q(**{f"{path}__{node.lookup_name}": rhs})

    if query.where.children and any(type(c).__name__ in ("NothingNode", "ExtraWhere") for c in query.where.children):
        return None
    try:
        cond = rebase(query.where) if query.where.children else Q()
    except _NotPlanLevel:
        return None
    return Plan.objects.filter(cond)
