"""Migration 0020_target_counts: how a goal target is counted (plan-format.md, "Goals").

A target gains `count` (sum, latest, max, done, closed; 'sum' for the targets already loaded,
which is what they were), `tasks` and `templates` (JSON lists of ids, NULL when not given).
`metric` may now be NULL: a `done` or `closed` target counts occurrences or rectifications, not
a metric. SQLite cannot drop a NOT NULL in place, so the table is made again and its rows
copied. The targets are definitions, read again from the plan files at every load; nothing
refers to their rows.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE TABLE targets_0018 (
    plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
    target_id TEXT NOT NULL, text TEXT NOT NULL, metric TEXT,
    target REAL NOT NULL, direction TEXT NOT NULL, position INTEGER NOT NULL,
    assumed TEXT, "count" TEXT NOT NULL DEFAULT 'sum', tasks TEXT, templates TEXT,
    PRIMARY KEY (plan_id, goal_id, target_id)
);
INSERT INTO targets_0018 (plan_id, goal_id, target_id, text, metric, target, direction, position, assumed)
    SELECT plan_id, goal_id, target_id, text, metric, target, direction, position, assumed FROM targets;
DROP TABLE targets;
ALTER TABLE targets_0018 RENAME TO targets;
CREATE INDEX targets_metric ON targets(plan_id, metric);
"""
