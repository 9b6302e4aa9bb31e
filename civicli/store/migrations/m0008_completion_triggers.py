"""Migration 0008_completion_triggers: SQLite keeps the facts cached on occurrence rows.

The facts cached on occurrence rows (store/completion.py reads them) are kept by SQLite itself
from here on: no writer has to remember them. See the comments in `apply`.

Frozen: never edit this file once released; add a new migration instead.
"""

from __future__ import annotations

from typing import Any


def apply(db: Any) -> None:
    # The facts cached on occurrence rows (store/completion.py reads them) are kept by SQLite
    # itself from here on: no writer has to remember them. Writing any value to
    # occurrences.refresh recomputes that row — its records' facts (records taken back do not
    # count), the areas of its linked template inspected in its window (inspections taken back
    # do not count), then when it settles and how it counts from then on (completion.py). Every
    # change that can alter them writes `refresh` on the rows concerned: a new occurrence, a
    # record, an inspection, a taking-back, a task archived, restored or linked to a template, a
    # template's areas. Finally every existing row is recomputed under these rules.
    # And `journal`: the order of recording across tables, for `undo`.
    # The recomputation of one row (NEW), the body of two triggers.
    facts = """          UPDATE occurrences SET
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
"""
    db.executescript(
        f"""
        ALTER TABLE occurrences ADD COLUMN refresh INTEGER NOT NULL DEFAULT 0;

        CREATE TRIGGER occurrence_facts AFTER UPDATE OF refresh ON occurrences BEGIN
          {facts}
        END;
        CREATE TRIGGER occurrence_added AFTER INSERT ON occurrences
        WHEN EXISTS (SELECT 1 FROM records WHERE task_key = NEW.task_key AND occurrence = NEW.key)
          OR EXISTS (SELECT 1 FROM tasks WHERE key = NEW.task_key AND inspection_id IS NOT NULL) BEGIN
          {facts}
        END;
        -- the bulk of a load: a new occurrence with no records, of a task without `inspection:` —
        -- what the two statements above give it, in one (tests/test_settled.py checks they agree)
        CREATE TRIGGER occurrence_added_fresh AFTER INSERT ON occurrences
        WHEN NOT EXISTS (SELECT 1 FROM records WHERE task_key = NEW.task_key AND occurrence = NEW.key)
          AND NOT EXISTS (SELECT 1 FROM tasks WHERE key = NEW.task_key AND inspection_id IS NOT NULL) BEGIN
          UPDATE occurrences SET
            rec_first = NULL, rec_date = NULL, l_status = NULL, l_percent = NULL, d_status = NULL,
            d_percent = NULL, a_total = 0, a_done = 0, f_done = 0, f_credit = 0.0,
            settles = CASE
              WHEN NOT EXISTS (SELECT 1 FROM tasks t WHERE t.key = NEW.task_key AND t.archived_at IS NULL)
                THEN '9999-12-31'
              ELSE MAX(date(NEW.due, '+1 day'), CASE WHEN NEW.until = '9999-12-31' THEN '' ELSE NEW.until END) END,
            f_overdue = NEW.until = '9999-12-31'
          WHERE rowid = NEW.rowid;
        END;
        CREATE TRIGGER occurrence_moved AFTER UPDATE OF opens, due, until ON occurrences BEGIN
          UPDATE occurrences SET refresh = 1 WHERE rowid = NEW.rowid;
        END;

        CREATE TRIGGER record_added AFTER INSERT ON records BEGIN
          UPDATE occurrences SET refresh = 1 WHERE task_key = NEW.task_key AND key = NEW.occurrence;
        END;
        CREATE TRIGGER record_changed AFTER UPDATE ON records BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE (task_key = OLD.task_key AND key = OLD.occurrence) OR (task_key = NEW.task_key AND key = NEW.occurrence);
        END;
        CREATE TRIGGER record_removed AFTER DELETE ON records BEGIN
          UPDATE occurrences SET refresh = 1 WHERE task_key = OLD.task_key AND key = OLD.occurrence;
        END;

        CREATE TRIGGER inspection_added AFTER INSERT ON inspections BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT key FROM tasks WHERE plan_id = NEW.plan_id AND inspection_id = NEW.template_id)
             AND opens <= NEW.date AND due >= NEW.date;
        END;
        CREATE TRIGGER inspection_changed AFTER UPDATE OF template_key, area, date ON inspections BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE (task_key IN (SELECT key FROM tasks WHERE plan_id = OLD.plan_id AND inspection_id = OLD.template_id)
                  AND opens <= OLD.date AND due >= OLD.date)
              OR (task_key IN (SELECT key FROM tasks WHERE plan_id = NEW.plan_id AND inspection_id = NEW.template_id)
                  AND opens <= NEW.date AND due >= NEW.date);
        END;
        CREATE TRIGGER inspection_removed AFTER DELETE ON inspections BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT key FROM tasks WHERE plan_id = OLD.plan_id AND inspection_id = OLD.template_id)
             AND opens <= OLD.date AND due >= OLD.date;
        END;

        CREATE TRIGGER takeback_added AFTER INSERT ON takebacks BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE NEW.kind = 'record'
             AND task_key = (SELECT task_key FROM records WHERE id = NEW.target_id)
             AND key = (SELECT occurrence FROM records WHERE id = NEW.target_id);
          UPDATE occurrences SET refresh = 1
           WHERE NEW.kind = 'inspection'
             AND task_key IN (SELECT t.key FROM inspections i JOIN tasks t ON t.plan_id = i.plan_id
                               AND t.inspection_id = i.template_id WHERE i.id = NEW.target_id)
             AND opens <= (SELECT date FROM inspections WHERE id = NEW.target_id)
             AND due >= (SELECT date FROM inspections WHERE id = NEW.target_id);
        END;
        CREATE TRIGGER takeback_removed AFTER DELETE ON takebacks BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE OLD.kind = 'record'
             AND task_key = (SELECT task_key FROM records WHERE id = OLD.target_id)
             AND key = (SELECT occurrence FROM records WHERE id = OLD.target_id);
          UPDATE occurrences SET refresh = 1
           WHERE OLD.kind = 'inspection'
             AND task_key IN (SELECT t.key FROM inspections i JOIN tasks t ON t.plan_id = i.plan_id
                               AND t.inspection_id = i.template_id WHERE i.id = OLD.target_id)
             AND opens <= (SELECT date FROM inspections WHERE id = OLD.target_id)
             AND due >= (SELECT date FROM inspections WHERE id = OLD.target_id);
        END;

        CREATE TRIGGER task_changed AFTER UPDATE OF archived_at, inspection_id, plan_id ON tasks
        WHEN OLD.archived_at IS NOT NEW.archived_at OR OLD.inspection_id IS NOT NEW.inspection_id
          OR OLD.plan_id IS NOT NEW.plan_id BEGIN
          UPDATE occurrences SET refresh = 1 WHERE task_key = NEW.key;
        END;

        CREATE TRIGGER template_area_added AFTER INSERT ON template_areas BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                               AND t.inspection_id = tp.template_id WHERE tp.key = NEW.template_key);
        END;
        CREATE TRIGGER template_area_changed AFTER UPDATE OF template_key, area ON template_areas BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                               AND t.inspection_id = tp.template_id WHERE tp.key IN (OLD.template_key, NEW.template_key));
        END;
        CREATE TRIGGER template_area_removed AFTER DELETE ON template_areas BEGIN
          UPDATE occurrences SET refresh = 1
           WHERE task_key IN (SELECT t.key FROM templates tp JOIN tasks t ON t.plan_id = tp.plan_id
                               AND t.inspection_id = tp.template_id WHERE tp.key = OLD.template_key);
        END;

        UPDATE occurrences SET refresh = 1;

        -- The order in which things were recorded, across records, inspections and rectification
        -- steps: `undo` walks back along it (the `at` stamps are to the second only). Filled by
        -- SQLite on each insert; rows recorded before this migration are entered in `at` order.
        CREATE TABLE journal (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL CHECK (kind IN ('record', 'inspection', 'step')),
            target_id INTEGER NOT NULL,
            UNIQUE (kind, target_id)
        );
        INSERT INTO journal (kind, target_id)
        SELECT kind, id FROM (
            SELECT 'record' AS kind, id, at FROM records
            UNION ALL SELECT 'inspection', id, at FROM inspections
            UNION ALL SELECT 'step', id, at FROM rectification_steps)
        ORDER BY at, CASE kind WHEN 'record' THEN 0 WHEN 'inspection' THEN 1 ELSE 2 END, id;
        CREATE TRIGGER journal_record AFTER INSERT ON records BEGIN
          INSERT INTO journal (kind, target_id) VALUES ('record', NEW.id);
        END;
        CREATE TRIGGER journal_inspection AFTER INSERT ON inspections BEGIN
          INSERT INTO journal (kind, target_id) VALUES ('inspection', NEW.id);
        END;
        CREATE TRIGGER journal_step AFTER INSERT ON rectification_steps BEGIN
          INSERT INTO journal (kind, target_id) VALUES ('step', NEW.id);
        END;
        """
    )
