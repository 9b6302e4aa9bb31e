"""Migration 0013_occurrences_with_facts: a load inserts most occurrences with their facts.

A first load of a district (a hundred plans, about 150,000 occurrences) spent most of its time in
the insert triggers of 0008 that compute the facts of each new occurrence: an UPDATE of every row
just inserted (the row and its three index entries written twice) after two lookups. Most of
those rows are the simplest case — an occurrence of an active task with no records on its key and
no linked template — whose facts depend only on its own dates: the loader computes those
(store/completion.py, `fresh_facts`) and inserts the row with them.

`refresh` inserted as -1 means "facts given with the insert": the insert trigger does not fire
for that row. Any other inserted value (0, the default, is what every other writer inserts) has
the row's facts computed as it is inserted, by the one general rule of occurrence_facts (0008),
written out again below; 0008's occurrence_added_fresh, a faster form of it for the simple case,
is dropped (the loader now owns that case). One insert trigger instead of two: a trigger costs
every inserted row something even when its WHEN is false.

The stored value of `refresh` means nothing after the insert; writing any value to it later
still recomputes the row (occurrence_facts, unchanged). No row changes.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
DROP TRIGGER occurrence_added;
DROP TRIGGER occurrence_added_fresh;

CREATE TRIGGER occurrence_added AFTER INSERT ON occurrences WHEN NEW.refresh IS NOT -1 BEGIN
  UPDATE occurrences SET
    (rec_first, rec_date) = (
      SELECT MIN(x.date), MAX(x.date) FROM records x
       WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key
         AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)),
    l_status = (
      SELECT x.status FROM records x
       WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key AND x.status IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)
       ORDER BY x.id DESC LIMIT 1),
    l_percent = (
      SELECT x.percent FROM records x
       WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key AND x.percent IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)
       ORDER BY x.id DESC LIMIT 1),
    (d_status, d_percent) = (
      SELECT x.status, x.percent FROM records x
       WHERE x.task_key = NEW.task_key AND x.occurrence = NEW.key
         AND (x.status IS NOT NULL OR x.percent IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'record' AND k.target_id = x.id)
       ORDER BY x.id DESC LIMIT 1),
    a_total = (
      SELECT COUNT(*) FROM tasks t
        JOIN template_areas ta ON ta.template_key = t.plan_id || '/' || t.inspection_id
       WHERE t.key = NEW.task_key),
    a_done = (
      SELECT COUNT(DISTINCT i.area) FROM tasks t
        JOIN inspections i ON i.template_key = t.plan_id || '/' || t.inspection_id
        JOIN template_areas ta ON ta.template_key = i.template_key AND ta.area = i.area
       WHERE t.key = NEW.task_key AND i.date >= NEW.opens AND i.date <= NEW.due
         AND NOT EXISTS (SELECT 1 FROM takebacks k WHERE k.kind = 'inspection' AND k.target_id = i.id))
  WHERE rowid = NEW.rowid;
  UPDATE occurrences SET
    settles = CASE
      WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = NEW.task_key AND t.archived_at IS NULL)
        THEN '9999-12-31'
      WHEN (d_status IS 'done' OR d_percent IS 100) AND a_total = 0 THEN rec_date
      ELSE MAX(COALESCE(rec_date, ''), date(due, '+1 day'),
               CASE WHEN until = '9999-12-31' THEN '' ELSE until END) END,
    f_done = (d_status IS 'done' OR d_percent IS 100 OR (a_total > 0 AND a_done >= a_total)),
    f_credit = CASE WHEN (d_status IS 'done' OR d_percent IS 100 OR (a_total > 0 AND a_done >= a_total))
                      THEN 1.0
                    WHEN until <> '9999-12-31' THEN 0.0
                    ELSE MAX(COALESCE(l_percent, 0) / 100.0,
                             CASE WHEN a_total > 0 THEN a_done * 1.0 / a_total ELSE 0.0 END) END,
    f_overdue = NOT (d_status IS 'done' OR d_percent IS 100 OR (a_total > 0 AND a_done >= a_total))
                AND until = '9999-12-31'
  WHERE rowid = NEW.rowid;
END;
"""
