"""Migration 0012_load_skips.

- plans.loaded_version: the civicli version that last loaded the plan's file. A re-load of a
  file whose bytes (plans.sha256) and civicli version both match what was loaded from that path
  skips the file without reading it as YAML (issue 15: re-loading unchanged files is a no-op).
- occurrences_due and occurrences_window dropped: no query of any command uses them (checked
  with EXPLAIN QUERY PLAN of every command's queries; the window queries use
  occurrences_settled or occurrences_unsettled); they cost space and insert time on every load.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE plans ADD COLUMN loaded_version TEXT;
DROP INDEX IF EXISTS occurrences_due;
DROP INDEX IF EXISTS occurrences_window;
"""
