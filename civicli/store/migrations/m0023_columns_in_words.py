"""Migration 0023_columns_in_words: the facts cached on occurrence rows named in words.

rec_first, rec_date → first_record_date, last_record_date; d_status, d_percent →
decisive_status, decisive_percent; l_status, l_percent → latest_status, latest_percent; a_done,
a_total → areas_done, areas_total; f_done, f_credit, f_overdue → settled_done, settled_credit,
settled_overdue. Renamed in place (SQLite rewrites the indexes and triggers that name them): no
row is copied. The triggers of the facts are then replaced by the code's on open
(store/completion.py), which name the columns so.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE occurrences RENAME COLUMN rec_first TO first_record_date;
ALTER TABLE occurrences RENAME COLUMN rec_date TO last_record_date;
ALTER TABLE occurrences RENAME COLUMN d_status TO decisive_status;
ALTER TABLE occurrences RENAME COLUMN d_percent TO decisive_percent;
ALTER TABLE occurrences RENAME COLUMN l_status TO latest_status;
ALTER TABLE occurrences RENAME COLUMN l_percent TO latest_percent;
ALTER TABLE occurrences RENAME COLUMN a_done TO areas_done;
ALTER TABLE occurrences RENAME COLUMN a_total TO areas_total;
ALTER TABLE occurrences RENAME COLUMN f_done TO settled_done;
ALTER TABLE occurrences RENAME COLUMN f_credit TO settled_credit;
ALTER TABLE occurrences RENAME COLUMN f_overdue TO settled_overdue;
"""
