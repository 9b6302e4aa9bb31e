"""Migration 0006_clerk_release: The shared schema of the clerk release.

The shared schema of this release, frozen here:
- takebacks: `undo` appends one row per thing taken back (a record, an inspection or a
rectification step); the original stays, and stops counting everywhere.
- records gain the activity's place and people; photos of records, inspections and steps
are evidence files kept once each (by content hash) in the folder beside the database.
- rectification_steps: 整改措施 (measure) and 复查 (recheck, passed or not).
- template_areas.owner: the person answerable for an area's rectifications.
- settings (`civicli config`), plan metrics with their Chinese names, `assumed:` texts,
and `completed_by` on tasks.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE TABLE takebacks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('record', 'inspection', 'step')),
    target_id INTEGER NOT NULL,
    at TEXT NOT NULL, date TEXT NOT NULL, "by" TEXT,
    UNIQUE (kind, target_id)
);
ALTER TABLE records ADD COLUMN place TEXT;
ALTER TABLE records ADD COLUMN people TEXT;
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL UNIQUE,
    original_name TEXT NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE photos (
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('record', 'inspection', 'step')),
    owner_id INTEGER NOT NULL,
    evidence_id INTEGER NOT NULL REFERENCES evidence(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (owner_kind, owner_id, position)
);
CREATE TABLE rectification_steps (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    rectification_id INTEGER NOT NULL REFERENCES rectifications(id),
    kind TEXT NOT NULL CHECK (kind IN ('measure', 'recheck')),
    passed INTEGER,
    date TEXT NOT NULL, at TEXT NOT NULL, "by" TEXT, text TEXT
);
CREATE INDEX rectification_steps_rectification ON rectification_steps(rectification_id, date, id);
ALTER TABLE template_areas ADD COLUMN owner TEXT;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL, set_at TEXT NOT NULL);
CREATE TABLE metrics (
    plan_id TEXT NOT NULL REFERENCES plans(id), metric_id TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (plan_id, metric_id)
);
ALTER TABLE plans ADD COLUMN assumed TEXT;
ALTER TABLE tasks ADD COLUMN assumed TEXT;
ALTER TABLE tasks ADD COLUMN completed_by TEXT;
ALTER TABLE targets ADD COLUMN assumed TEXT;
"""
