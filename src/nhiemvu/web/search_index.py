"""The index behind task search (web/search.py): substring search on `Task.search_text`, the
accent- and case-folded text of each task.

- SQLite: an FTS5 table with the trigram tokenizer (SQLite ≥ 3.34) over tracking_task, kept in
  step by triggers on insert, delete and update of search_text.
- PostgreSQL: a pg_trgm GIN index on tracking_task.search_text, which PostgreSQL uses for the
  plain `LIKE '%…%'` Django writes for `__contains`: no change to the query.

Created by migration web 0002 and checked again after every `migrate` (post_migrate): on SQLite
a later migration that rebuilds tracking_task (Django copies the table to change a constraint)
drops the triggers with the old table, and the index would then fall behind silently."""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

FTS = "web_task_fts"
TASK = "tracking_task"
PG_INDEX = "tracking_task_search_trgm"
TRIGGERS = {
    f"{FTS}_ai": f"""CREATE TRIGGER {FTS}_ai AFTER INSERT ON {TASK} BEGIN
        INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    f"{FTS}_ad": f"""CREATE TRIGGER {FTS}_ad AFTER DELETE ON {TASK} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END""",
    f"{FTS}_au": f"""CREATE TRIGGER {FTS}_au AFTER UPDATE OF search_text ON {TASK} BEGIN
        INSERT INTO {FTS}({FTS}, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO {FTS}(rowid, search_text) VALUES (new.id, new.search_text); END""",
}


def sqlite_has_trigram(cursor) -> bool:
    cursor.execute("SELECT sqlite_version()")
    major, minor, *_ = (int(x) for x in cursor.fetchone()[0].split("."))
    return (major, minor) >= (3, 34)


def ensure(connection) -> str:
    """Create whatever is missing; returns what the database now uses ("fts5", "pg_trgm", "like")."""
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            return _ensure_sqlite(c)
        if connection.vendor == "postgresql":
            return _ensure_postgresql(connection, c)
    return "like"


def _ensure_sqlite(c) -> str:
    c.execute("SELECT name FROM sqlite_master WHERE name = %s", [TASK])
    if c.fetchone() is None or not sqlite_has_trigram(c):
        return "like"
    c.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger') AND name LIKE %s", [FTS + "%"])
    present = {row[0] for row in c.fetchall()}
    if FTS not in present:
        c.execute(f"CREATE VIRTUAL TABLE {FTS} USING fts5(search_text, content='{TASK}', "
                  "content_rowid='id', tokenize='trigram')")
    missing = [name for name in TRIGGERS if name not in present]
    for name in missing:
        c.execute(TRIGGERS[name])
    if FTS not in present or missing:
        # New table, or triggers lost with a rebuilt tracking_task: index everything again.
        c.execute(f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')")
    return "fts5"


def _ensure_postgresql(connection, c) -> str:
    c.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
    if c.fetchone():
        return "pg_trgm"
    c.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
    if c.fetchone() is None:
        log.warning("PostgreSQL thiếu tiện ích pg_trgm: tìm kiếm nhiệm vụ dùng LIKE, không có chỉ mục.")
        return "like"
    try:
        # A savepoint, so a refusal (no right to create the extension) leaves the migration alive.
        with _savepoint(connection):
            c.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            c.execute(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON {TASK} USING gin (search_text gin_trgm_ops)")
    except Exception as exc:  # noqa: BLE001 - any refusal means: keep LIKE without an index
        log.warning("Không tạo được chỉ mục pg_trgm (%s): tìm kiếm nhiệm vụ dùng LIKE, không có chỉ mục.", exc)
        return "like"
    return "pg_trgm"


def _savepoint(connection):
    from django.db import transaction

    return transaction.atomic(using=connection.alias, savepoint=True)


def drop(connection) -> None:
    with connection.cursor() as c:
        if connection.vendor == "sqlite":
            for name in TRIGGERS:
                c.execute(f"DROP TRIGGER IF EXISTS {name}")
            c.execute(f"DROP TABLE IF EXISTS {FTS}")
        elif connection.vendor == "postgresql":
            c.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")
