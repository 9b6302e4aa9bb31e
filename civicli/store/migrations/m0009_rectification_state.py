"""Migration 0009_rectification_state.

Rectification ids are stable for life (they are written on paper): a row is created once,
by the inspection that first fails an item in an area, and never deleted. What follows is
derived, recomputed in place from the area's inspections and the rectification's steps:
- status: open, in_progress (a measure or recheck recorded), closed, or void (its opening
  inspection was taken back, or a back-dated inspection merged it into an earlier one);
- closed_step: the passing recheck that closed it (closed_by names a closing inspection);
- opener: the inspection that opens it now (a back-dated failure may come before opened_by);
- repeat_dates: the dates of the failures again (inspections and rechecks) while open;
- recheck_fails: the dates of failed rechecks (each sets a new due date);
- started: the date of its first step while open (in_progress from that day).

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE rectifications ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'in_progress', 'closed', 'void'));
ALTER TABLE rectifications ADD COLUMN closed_step INTEGER;
ALTER TABLE rectifications ADD COLUMN opener INTEGER;
ALTER TABLE rectifications ADD COLUMN repeat_dates TEXT NOT NULL DEFAULT '[]';
ALTER TABLE rectifications ADD COLUMN recheck_fails TEXT NOT NULL DEFAULT '[]';
ALTER TABLE rectifications ADD COLUMN started TEXT;
UPDATE rectifications SET
    status = CASE WHEN closed IS NULL THEN 'open' ELSE 'closed' END,
    opener = opened_by,
    repeat_dates = (
        SELECT json_group_array(i.date) FROM inspections i
        JOIN inspection_answers a ON a.inspection_id = i.id
        WHERE i.template_key = rectifications.template_key AND i.area = rectifications.area
          AND a.item_id = rectifications.item_id AND a.result = 'fail'
          AND (i.date > rectifications.opened
               OR (i.date = rectifications.opened AND i.id > rectifications.opened_by))
          AND (rectifications.closed_by IS NULL OR i.date < rectifications.closed
               OR (i.date = rectifications.closed AND i.id < rectifications.closed_by))
    );
CREATE INDEX rectifications_status ON rectifications(status, due);
"""
