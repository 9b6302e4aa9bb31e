"""Migration 0007_settled_occurrences_repair: bring up databases that applied an early 0005.

0005_settled_occurrences was edited after its first release under the same name. A database
that applied an early form has no `occurrences.rec_first` (every listing then fails with "no
such column: o.rec_first"), may keep `occurrences_plan_window` and has `occurrences_unsettled`
on `settles` alone. The migration table cannot tell the forms apart, so this migration looks at
the actual columns and indexes (PRAGMA table_info, sqlite_master): it adds what is missing and,
when it added anything, recomputes every cached fact of every occurrence. A database that
applied the last form of 0005 is left as it is.

Frozen: never edit this file once released; add a new migration instead. The SQL is written
out as it stood when this migration was released (9999-12-31: never).
"""

from __future__ import annotations

from typing import Any

# column -> its declaration (as 0004 and 0005 add it)
COLUMNS = {
    "rec_date": "TEXT",
    "l_status": "TEXT",
    "l_percent": "INTEGER",
    "d_status": "TEXT",
    "d_percent": "INTEGER",
    "rec_first": "TEXT",
    "a_done": "INTEGER NOT NULL DEFAULT 0",
    "a_total": "INTEGER NOT NULL DEFAULT 0",
    "settles": "TEXT NOT NULL DEFAULT '9999-12-31'",
    "f_done": "INTEGER NOT NULL DEFAULT 0",
    "f_credit": "REAL NOT NULL DEFAULT 0",
    "f_overdue": "INTEGER NOT NULL DEFAULT 0",
}

INDEXES = {
    "occurrences_settled": "CREATE INDEX occurrences_settled ON occurrences(plan_id, settles, f_done, f_credit, f_overdue)",
    "occurrences_unsettled": "CREATE INDEX occurrences_unsettled ON occurrences(settles, opens, due, until)",
    "occurrences_overdue_for_good": "CREATE INDEX occurrences_overdue_for_good ON occurrences(settles) WHERE f_overdue = 1",
}

RECOMPUTE = """
UPDATE occurrences AS o SET
  rec_date = (SELECT MAX(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key),
  rec_first = (SELECT MIN(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key),
  l_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND x.status IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  l_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND x.percent IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  d_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1),
  d_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1);
UPDATE occurrences AS o SET
  a_total = (SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = (SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL)),
  a_done = (SELECT COUNT(DISTINCT i.area) FROM inspections i
              JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
             WHERE i.template_key = (SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL) AND i.date >= o.opens AND i.date <= o.due);
UPDATE occurrences AS o SET
  settles = CASE
    WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = o.task_key AND t.archived_at IS NULL) THEN '9999-12-31'
    WHEN (o.d_status IS 'done' OR o.d_percent IS 100) AND o.a_total = 0 THEN o.rec_date
    ELSE MAX(COALESCE(o.rec_date, ''), date(o.due, '+1 day'),
             CASE WHEN o.until = '9999-12-31' THEN '' ELSE o.until END) END,
  f_done = (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)),
  f_credit = CASE WHEN (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)) THEN 1.0 WHEN o.until <> '9999-12-31' THEN 0.0
                  ELSE MAX(COALESCE(o.l_percent, 0) / 100.0,
                           CASE WHEN o.a_total > 0 THEN o.a_done * 1.0 / o.a_total ELSE 0.0 END) END,
  f_overdue = NOT (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)) AND o.until = '9999-12-31';
"""


def _norm(sql: str | None) -> str:
    return " ".join((sql or "").split()).lower()


def apply(db: Any) -> None:
    conn = db.conn
    have = {row[1] for row in conn.execute("PRAGMA table_info(occurrences)")}
    missing = [c for c in COLUMNS if c not in have]
    for column in missing:
        conn.execute(f"ALTER TABLE occurrences ADD COLUMN {column} {COLUMNS[column]}")
    indexes = dict(
        conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'occurrences'")
    )
    changed = bool(missing)
    for name, create in INDEXES.items():
        if _norm(indexes.get(name)) != _norm(create):
            conn.execute(f"DROP INDEX IF EXISTS {name}")
            conn.execute(create)
            changed = True
    if "occurrences_plan_window" in indexes:
        conn.execute("DROP INDEX occurrences_plan_window")
        changed = True
    if changed:
        db.executescript(RECOMPUTE)
