"""Migration 0001_plans: The first schema: plans and their definitions, tasks, occurrences, records.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE TABLE plans (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, community TEXT,
    start TEXT NOT NULL, "end" TEXT NOT NULL, tracked_from TEXT,
    guiding_ideology TEXT, principles TEXT,
    source TEXT NOT NULL, sha256 TEXT NOT NULL, loaded_at TEXT NOT NULL
);
CREATE TABLE roles (
    plan_id TEXT NOT NULL REFERENCES plans(id), role_id TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (plan_id, role_id)
);
CREATE TABLE goals (
    plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
    text TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, goal_id)
);
CREATE TABLE targets (
    plan_id TEXT NOT NULL REFERENCES plans(id), goal_id TEXT NOT NULL,
    target_id TEXT NOT NULL, text TEXT NOT NULL, metric TEXT NOT NULL,
    target REAL NOT NULL, direction TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, goal_id, target_id)
);
CREATE INDEX targets_metric ON targets(plan_id, metric);
CREATE TABLE calendar (
    plan_id TEXT NOT NULL REFERENCES plans(id), name TEXT NOT NULL,
    start TEXT NOT NULL, "end" TEXT,
    PRIMARY KEY (plan_id, name)
);
CREATE TABLE sections (
    plan_id TEXT NOT NULL REFERENCES plans(id), section_id TEXT NOT NULL,
    title TEXT NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (plan_id, section_id)
);
CREATE TABLE tasks (
    key TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),
    task_id TEXT NOT NULL, section_id TEXT NOT NULL, position INTEGER NOT NULL,
    title TEXT NOT NULL, detail TEXT, owner TEXT, tags TEXT,
    goal_id TEXT, inspection_id TEXT,
    due TEXT, every TEXT, festival TEXT, "offset" INTEGER, lead INTEGER, grace INTEGER,
    archived_at TEXT
);
CREATE INDEX tasks_plan ON tasks(plan_id, archived_at);
CREATE INDEX tasks_task_id ON tasks(task_id);
CREATE INDEX tasks_owner ON tasks(owner);
CREATE TABLE templates (
    key TEXT PRIMARY KEY, plan_id TEXT NOT NULL REFERENCES plans(id),
    template_id TEXT NOT NULL, title TEXT NOT NULL,
    pass_mark REAL NOT NULL, rectify_days INTEGER NOT NULL, archived_at TEXT
);
CREATE INDEX templates_template_id ON templates(template_id);
CREATE TABLE template_areas (
    template_key TEXT NOT NULL REFERENCES templates(key), area TEXT NOT NULL,
    position INTEGER NOT NULL, PRIMARY KEY (template_key, area)
);
CREATE TABLE template_items (
    template_key TEXT NOT NULL REFERENCES templates(key), item_id TEXT NOT NULL,
    text TEXT NOT NULL, weight REAL NOT NULL, position INTEGER NOT NULL,
    PRIMARY KEY (template_key, item_id)
);
CREATE TABLE occurrences (
    task_key TEXT NOT NULL REFERENCES tasks(key), key TEXT NOT NULL,
    plan_id TEXT NOT NULL, opens TEXT NOT NULL, due TEXT NOT NULL, missed_from TEXT,
    PRIMARY KEY (task_key, key)
);
CREATE INDEX occurrences_due ON occurrences(due);
CREATE TABLE records (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_key TEXT NOT NULL REFERENCES tasks(key), occurrence TEXT NOT NULL,
    at TEXT NOT NULL, date TEXT NOT NULL,
    status TEXT, percent INTEGER, note TEXT, "by" TEXT
);
CREATE INDEX records_occurrence ON records(task_key, occurrence, id);
CREATE INDEX records_date ON records(date);
CREATE TABLE record_metrics (
    record_id INTEGER NOT NULL REFERENCES records(id), name TEXT NOT NULL,
    value REAL NOT NULL, PRIMARY KEY (record_id, name)
);
CREATE INDEX record_metrics_name ON record_metrics(name);
CREATE TABLE import_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, sha256 TEXT NOT NULL,
    at TEXT NOT NULL, plan_id TEXT NOT NULL,
    added INTEGER NOT NULL, updated INTEGER NOT NULL,
    archived INTEGER NOT NULL, unchanged INTEGER NOT NULL
);
"""
