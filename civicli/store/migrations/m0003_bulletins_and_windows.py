"""Migration 0003_bulletins_and_windows: Bulletin numbers (期号); each occurrence's window end (`until`).

"until": the first day an occurrence is missed, or 9999-12-31 (never); the checklist for a day
is then one range scan on (until, opens).

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE TABLE bulletins (
    week TEXT PRIMARY KEY, year INTEGER NOT NULL, number INTEGER NOT NULL,
    generated_at TEXT NOT NULL, UNIQUE (year, number)
);
ALTER TABLE occurrences ADD COLUMN until TEXT NOT NULL DEFAULT '9999-12-31';
UPDATE occurrences SET until = COALESCE(missed_from, '9999-12-31');
CREATE INDEX occurrences_window ON occurrences(until, opens);
CREATE INDEX occurrences_plan_window ON occurrences(plan_id, until, opens);
"""
