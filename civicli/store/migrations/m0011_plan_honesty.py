"""Migration 0011_plan_honesty.

- plans.incomplete: what the source document of a plan lacks (it breaks off mid-sentence),
  shown wherever the plan is (`show`, `plans`, the bulletin).
- festival_dates: a plan's fixed dates of built-in festivals for given years (the official
  calendar, where computed dates disagree with it); rewritten with the plan on each load.
- bulletin_completions: the `done` record that writing a week's bulletin gave a task with
  `completed_by: bulletin`; one per week and task, so writing it again adds nothing.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE plans ADD COLUMN incomplete TEXT;
CREATE TABLE festival_dates (
    plan_id TEXT NOT NULL REFERENCES plans(id), festival TEXT NOT NULL,
    year INTEGER NOT NULL, date TEXT NOT NULL,
    PRIMARY KEY (plan_id, festival, date)
);
CREATE TABLE bulletin_completions (
    week TEXT NOT NULL, task_key TEXT NOT NULL,
    record_id INTEGER NOT NULL REFERENCES records(id),
    PRIMARY KEY (week, task_key)
);
"""
