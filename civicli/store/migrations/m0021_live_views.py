"""Migration 0021_live_views: "not taken back", written once.

`undo` appends a row to `takebacks` (kind record, inspection or step); the original row stays and
stops counting everywhere. Every reader used to write that condition out itself. These views are
the rows that count: a reader selects from `live_records`, `live_inspections` or `live_steps`
instead of its table whenever what was taken back must not count, and from the table itself only
where it shows the history as it was (`log`, the ledgers' marks of what was taken back).

A view's `*` is expanded when a statement using it is prepared, so a column added to the table
later appears in its view. A later migration that makes one of these tables again (create a copy,
drop, rename) drops its view first and creates it again after.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE VIEW live_records AS
  SELECT * FROM records
   WHERE NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = records.id);
CREATE VIEW live_inspections AS
  SELECT * FROM inspections
   WHERE NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'inspection' AND k.target_id = inspections.id);
CREATE VIEW live_steps AS
  SELECT * FROM rectification_steps
   WHERE NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'step' AND k.target_id = rectification_steps.id);
"""
