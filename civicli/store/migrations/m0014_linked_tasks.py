"""Migration 0014_linked_tasks.

- tasks_linked: the active tasks linked to an inspection template (`inspection:`), by plan,
  template and position. Every listing of rectifications (the `tasks` checklist, `rectifications`,
  the bulletin) names each one's first linked task; without it SQLite read the plan's tasks and
  sorted them once per rectification listed. Partial: only linked tasks are in it, so a load
  pays for a handful of rows.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE INDEX IF NOT EXISTS tasks_linked ON tasks(plan_id, inspection_id, position)
    WHERE inspection_id IS NOT NULL AND archived_at IS NULL;
"""
