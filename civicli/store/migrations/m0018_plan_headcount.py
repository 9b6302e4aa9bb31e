"""Migration 0018_plan_headcount.

- plans.headcount: the metric id that counts the people at an activity (the plan's
  `headcount:`), the 参加人数 of the activities ledger; NULL when the plan does not say (then
  `participants` when the plan knows that metric).

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE plans ADD COLUMN headcount TEXT;
"""
