"""Migration 0002_inspections: Inspections (检查), their answers and photos, rectifications (整改).

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE TABLE inspections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    template_key TEXT NOT NULL REFERENCES templates(key),
    plan_id TEXT NOT NULL, template_id TEXT NOT NULL, area TEXT NOT NULL,
    date TEXT NOT NULL, "by" TEXT, note TEXT, score REAL, passed INTEGER NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX inspections_area ON inspections(template_key, area, date);
CREATE INDEX inspections_date ON inspections(date);
CREATE TABLE inspection_answers (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id), item_id TEXT NOT NULL,
    result TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')), note TEXT,
    PRIMARY KEY (inspection_id, item_id)
);
CREATE TABLE inspection_photos (
    inspection_id INTEGER NOT NULL REFERENCES inspections(id), path TEXT NOT NULL
);
CREATE INDEX inspection_photos_inspection ON inspection_photos(inspection_id);
CREATE TABLE rectifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    template_key TEXT NOT NULL REFERENCES templates(key),
    plan_id TEXT NOT NULL, template_id TEXT NOT NULL, area TEXT NOT NULL,
    item_id TEXT NOT NULL, note TEXT, owner TEXT,
    opened TEXT NOT NULL, due TEXT NOT NULL,
    opened_by INTEGER NOT NULL REFERENCES inspections(id),
    closed TEXT, closed_by INTEGER REFERENCES inspections(id),
    repeats INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX rectifications_open ON rectifications(closed, due);
CREATE INDEX rectifications_area ON rectifications(template_key, area, item_id);
"""
