"""Migration 0019_track_from.

- plans.track_from: the day the clerk began following the plan, set with `civicli load
  --track-from DATE` (a plan loaded on 2027-09-10 that started on 2027-01-01), kept apart from
  tracked_from (what the plan's file says, or this when set) so that the files need no edit: it
  stays through later loads of the same plan, which take it instead of the file's. NULL: the
  file's own tracked_from, if any.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE plans ADD COLUMN track_from TEXT;
"""
