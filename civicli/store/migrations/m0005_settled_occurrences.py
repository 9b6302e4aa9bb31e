"""Migration 0005_settled_occurrences: when each occurrence "settles", and what it counts as then.

An occurrence settles on the first day from which its part in its plan's completion no longer
changes with the day asked about (all its records dated by then, past due, and done, missed or
overdue for good); from then on it counts as f_done / f_credit / f_overdue. a_done / a_total:
the areas of a linked inspection template inspected in its window, of how many. rec_first: the
day of its first record. occurrences_settled serves completion from the index alone;
occurrences_unsettled and the partial index of the settled overdue ones give what is still to
derive; occurrences_settled also finds one plan's occurrences, so occurrences_plan_window goes.

This is the form released last under this name. Databases that applied an earlier form (no
rec_first, other indexes) are brought up by 0007.

Frozen: never edit this file once released; add a new migration instead. The UPDATEs are the
first-record, areas and settle queries as they were when this migration was released, written
out (9999-12-31: never).
"""

SQL = """
ALTER TABLE occurrences ADD COLUMN rec_first TEXT;
ALTER TABLE occurrences ADD COLUMN a_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE occurrences ADD COLUMN a_total INTEGER NOT NULL DEFAULT 0;
ALTER TABLE occurrences ADD COLUMN settles TEXT NOT NULL DEFAULT '9999-12-31';
ALTER TABLE occurrences ADD COLUMN f_done INTEGER NOT NULL DEFAULT 0;
ALTER TABLE occurrences ADD COLUMN f_credit REAL NOT NULL DEFAULT 0;
ALTER TABLE occurrences ADD COLUMN f_overdue INTEGER NOT NULL DEFAULT 0;
UPDATE occurrences AS o SET
  rec_first = (SELECT MIN(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key)
WHERE o.rec_date IS NOT NULL;
UPDATE occurrences AS o SET
  a_total = (SELECT COUNT(*) FROM template_areas ta WHERE ta.template_key = (SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL)),
  a_done = (SELECT COUNT(DISTINCT i.area) FROM inspections i
              JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
             WHERE i.template_key = (SELECT t.plan_id || '/' || t.inspection_id FROM tasks t WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL) AND i.date >= o.opens AND i.date <= o.due)
WHERE (1) AND (o.a_total > 0 OR EXISTS (SELECT 1 FROM tasks t WHERE t.key = o.task_key AND t.inspection_id IS NOT NULL));
UPDATE occurrences AS o SET
  settles = CASE
    WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = o.task_key AND t.archived_at IS NULL) THEN '9999-12-31'
    WHEN (o.d_status IS 'done' OR o.d_percent IS 100) AND o.a_total = 0 THEN o.rec_date
    ELSE MAX(COALESCE(o.rec_date, ''), date(o.due, '+1 day'),
             CASE WHEN o.until = '9999-12-31' THEN '' ELSE o.until END) END,
  f_done = (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)),
  f_credit = CASE WHEN (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)) THEN 1.0 WHEN o.until <> '9999-12-31' THEN 0.0
                  ELSE MAX(COALESCE(o.l_percent, 0) / 100.0,
                           CASE WHEN o.a_total > 0 THEN o.a_done * 1.0 / o.a_total ELSE 0.0 END) END,
  f_overdue = NOT (o.d_status IS 'done' OR o.d_percent IS 100 OR (o.a_total > 0 AND o.a_done >= o.a_total)) AND o.until = '9999-12-31'
WHERE 1;
CREATE INDEX occurrences_settled ON occurrences(plan_id, settles, f_done, f_credit, f_overdue);
CREATE INDEX occurrences_unsettled ON occurrences(settles, opens, due, until);
CREATE INDEX occurrences_overdue_for_good ON occurrences(settles) WHERE f_overdue = 1;
DROP INDEX occurrences_plan_window;
"""
