"""Migration 0004_occurrence_facts: the latest facts of each occurrence's records, kept on its row.

So that the state of an occurrence "as of today" needs no search of the records in the usual
case (every record dated on or before today): the latest record's date, the latest status and
percent, and the latest record giving either (the "decisive" one). Filled here for the
occurrences that have records.

Frozen: never edit this file once released; add a new migration instead. The UPDATE is the
record-facts query as it was when this migration was released, written out.
"""

SQL = """
ALTER TABLE occurrences ADD COLUMN rec_date TEXT;
ALTER TABLE occurrences ADD COLUMN l_status TEXT;
ALTER TABLE occurrences ADD COLUMN l_percent INTEGER;
ALTER TABLE occurrences ADD COLUMN d_status TEXT;
ALTER TABLE occurrences ADD COLUMN d_percent INTEGER;
UPDATE occurrences AS o SET
  rec_date = (SELECT MAX(x.date) FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key),
  l_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND x.status IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  l_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND x.percent IS NOT NULL ORDER BY x.id DESC LIMIT 1),
  d_status = (SELECT x.status FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1),
  d_percent = (SELECT x.percent FROM records x WHERE x.task_key = o.task_key AND x.occurrence = o.key
                 AND (x.status IS NOT NULL OR x.percent IS NOT NULL) ORDER BY x.id DESC LIMIT 1)
WHERE o.key IN (SELECT occurrence FROM records r WHERE r.task_key = o.task_key);
"""
