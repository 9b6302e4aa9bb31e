"""Migration 0016_search_text: what was written, indexed for `civicli search`.

- search_text: an FTS5 table with the trigram tokenizer (SQLite 3.34 or newer), one row per
  piece of text the clerk wrote that is not empty: a record's note, place, people and by; an
  inspection's note, area and by, and one row with its failed items (the item's text, then
  `：` and the note given with the failure, one item a line); a rectification step's text
  (measure or recheck note) and by. Each is followed by two U+001F (unit separator), so that
  every piece of one or two characters, a name at the end included, begins a trigram: a
  query of three characters or more is a phrase of trigrams; a shorter one is the trigrams
  that begin with it (found in search_terms), any of them.
- search_terms: the fts5vocab table of search_text's trigrams (no storage of its own).
- search_text's rowid says where the text comes from and orders it newest first:
  (days since 1900-01-01 of the date) << 46 | (the source row's id) << 4 | field code, with
  codes record 0 by, 1 people, 2 place, 3 note; inspection 4 by, 5 area, 6 failed items,
  7 note; step 8 by, 9 text. `ORDER BY rowid DESC` is the newest first, streamed by FTS5; of
  one entry's fields that match, the one read first is the one shown (its note before its by).
- Triggers keep it in step with the tables: insert, update and delete of records,
  inspections, inspection_answers and rectification_steps. Existing text is indexed here.
  Task and plan titles are not in it (their rowids are not stable; there are few of them).

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
CREATE VIRTUAL TABLE search_text USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_text, 'row');

-- what is there already
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 3), s.note || char(31, 31)
    FROM records s WHERE IFNULL(s.note, '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 2), s.place || char(31, 31)
    FROM records s WHERE IFNULL(s.place, '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 1), s.people || char(31, 31)
    FROM records s WHERE IFNULL(s.people, '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 0), s."by" || char(31, 31)
    FROM records s WHERE IFNULL(s."by", '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 7), s.note || char(31, 31)
    FROM inspections s WHERE IFNULL(s.note, '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 5), s.area || char(31, 31)
    FROM inspections s WHERE IFNULL(s.area, '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 4), s."by" || char(31, 31)
    FROM inspections s WHERE IFNULL(s."by", '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 9), s.text || char(31, 31)
    FROM rectification_steps s WHERE IFNULL(s.text, '') <> '';
INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(s.date) - 2415020.5 AS INTEGER), 0) << 46) | (s.id << 4) | 8), s."by" || char(31, 31)
    FROM rectification_steps s WHERE IFNULL(s."by", '') <> '';
INSERT INTO search_text (rowid, text) SELECT k, t || char(31, 31) FROM (
    SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) AS k, (
        SELECT group_concat(COALESCE(ti.text, a.item_id)
            || CASE WHEN IFNULL(a.note, '') <> '' THEN '：' || a.note ELSE '' END, char(10))
        FROM inspection_answers a
        LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id
        WHERE a.inspection_id = i.id AND a.result = 'fail') AS t
    FROM inspections i)
WHERE IFNULL(t, '') <> '';

-- kept in step from here on
CREATE TRIGGER search_records_ai AFTER INSERT ON records BEGIN
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 3), NEW.note || char(31, 31)
        WHERE IFNULL(NEW.note, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 2), NEW.place || char(31, 31)
        WHERE IFNULL(NEW.place, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 1), NEW.people || char(31, 31)
        WHERE IFNULL(NEW.people, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 0), NEW."by" || char(31, 31)
        WHERE IFNULL(NEW."by", '') <> '';
END;
CREATE TRIGGER search_records_ad AFTER DELETE ON records BEGIN
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 3);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 2);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 1);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 0);
END;
CREATE TRIGGER search_records_au AFTER UPDATE OF id, date, note, place, people, "by" ON records BEGIN
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 3);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 2);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 1);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 0);
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 3), NEW.note || char(31, 31)
        WHERE IFNULL(NEW.note, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 2), NEW.place || char(31, 31)
        WHERE IFNULL(NEW.place, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 1), NEW.people || char(31, 31)
        WHERE IFNULL(NEW.people, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 0), NEW."by" || char(31, 31)
        WHERE IFNULL(NEW."by", '') <> '';
END;
CREATE TRIGGER search_inspections_ai AFTER INSERT ON inspections BEGIN
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 7), NEW.note || char(31, 31)
        WHERE IFNULL(NEW.note, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 5), NEW.area || char(31, 31)
        WHERE IFNULL(NEW.area, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 4), NEW."by" || char(31, 31)
        WHERE IFNULL(NEW."by", '') <> '';
END;
CREATE TRIGGER search_inspections_ad AFTER DELETE ON inspections BEGIN
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 7);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 5);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 4);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 6);
END;
CREATE TRIGGER search_inspections_au AFTER UPDATE OF id, date, note, area, "by", template_key ON inspections BEGIN
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 7);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 5);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 4);
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 7), NEW.note || char(31, 31)
        WHERE IFNULL(NEW.note, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 5), NEW.area || char(31, 31)
        WHERE IFNULL(NEW.area, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 4), NEW."by" || char(31, 31)
        WHERE IFNULL(NEW."by", '') <> '';
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 6);
    DELETE FROM search_text WHERE rowid = (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) FROM inspections i WHERE i.id = NEW.id);
    INSERT INTO search_text (rowid, text) SELECT k, t || char(31, 31) FROM (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) AS k, (
            SELECT group_concat(COALESCE(ti.text, a.item_id)
                || CASE WHEN IFNULL(a.note, '') <> '' THEN '：' || a.note ELSE '' END, char(10))
            FROM inspection_answers a
            LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id
            WHERE a.inspection_id = i.id AND a.result = 'fail') AS t
        FROM inspections i WHERE i.id = NEW.id)
    WHERE IFNULL(t, '') <> '';
END;
CREATE TRIGGER search_steps_ai AFTER INSERT ON rectification_steps BEGIN
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 9), NEW.text || char(31, 31)
        WHERE IFNULL(NEW.text, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 8), NEW."by" || char(31, 31)
        WHERE IFNULL(NEW."by", '') <> '';
END;
CREATE TRIGGER search_steps_ad AFTER DELETE ON rectification_steps BEGIN
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 9);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 8);
END;
CREATE TRIGGER search_steps_au AFTER UPDATE OF id, date, text, "by" ON rectification_steps BEGIN
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 9);
    DELETE FROM search_text WHERE rowid = ((IFNULL(CAST(julianday(OLD.date) - 2415020.5 AS INTEGER), 0) << 46) | (OLD.id << 4) | 8);
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 9), NEW.text || char(31, 31)
        WHERE IFNULL(NEW.text, '') <> '';
    INSERT INTO search_text (rowid, text) SELECT ((IFNULL(CAST(julianday(NEW.date) - 2415020.5 AS INTEGER), 0) << 46) | (NEW.id << 4) | 8), NEW."by" || char(31, 31)
        WHERE IFNULL(NEW."by", '') <> '';
END;
CREATE TRIGGER search_answers_ai AFTER INSERT ON inspection_answers BEGIN
    DELETE FROM search_text WHERE rowid = (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) FROM inspections i WHERE i.id = NEW.inspection_id);
    INSERT INTO search_text (rowid, text) SELECT k, t || char(31, 31) FROM (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) AS k, (
            SELECT group_concat(COALESCE(ti.text, a.item_id)
                || CASE WHEN IFNULL(a.note, '') <> '' THEN '：' || a.note ELSE '' END, char(10))
            FROM inspection_answers a
            LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id
            WHERE a.inspection_id = i.id AND a.result = 'fail') AS t
        FROM inspections i WHERE i.id = NEW.inspection_id)
    WHERE IFNULL(t, '') <> '';
END;
CREATE TRIGGER search_answers_ad AFTER DELETE ON inspection_answers BEGIN
    DELETE FROM search_text WHERE rowid = (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) FROM inspections i WHERE i.id = OLD.inspection_id);
    INSERT INTO search_text (rowid, text) SELECT k, t || char(31, 31) FROM (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) AS k, (
            SELECT group_concat(COALESCE(ti.text, a.item_id)
                || CASE WHEN IFNULL(a.note, '') <> '' THEN '：' || a.note ELSE '' END, char(10))
            FROM inspection_answers a
            LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id
            WHERE a.inspection_id = i.id AND a.result = 'fail') AS t
        FROM inspections i WHERE i.id = OLD.inspection_id)
    WHERE IFNULL(t, '') <> '';
END;
CREATE TRIGGER search_answers_au AFTER UPDATE ON inspection_answers BEGIN
    DELETE FROM search_text WHERE rowid = (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) FROM inspections i WHERE i.id = OLD.inspection_id);
    INSERT INTO search_text (rowid, text) SELECT k, t || char(31, 31) FROM (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) AS k, (
            SELECT group_concat(COALESCE(ti.text, a.item_id)
                || CASE WHEN IFNULL(a.note, '') <> '' THEN '：' || a.note ELSE '' END, char(10))
            FROM inspection_answers a
            LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id
            WHERE a.inspection_id = i.id AND a.result = 'fail') AS t
        FROM inspections i WHERE i.id = OLD.inspection_id)
    WHERE IFNULL(t, '') <> '';
    DELETE FROM search_text WHERE rowid = (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) FROM inspections i WHERE i.id = NEW.inspection_id);
    INSERT INTO search_text (rowid, text) SELECT k, t || char(31, 31) FROM (
        SELECT ((IFNULL(CAST(julianday(i.date) - 2415020.5 AS INTEGER), 0) << 46) | (i.id << 4) | 6) AS k, (
            SELECT group_concat(COALESCE(ti.text, a.item_id)
                || CASE WHEN IFNULL(a.note, '') <> '' THEN '：' || a.note ELSE '' END, char(10))
            FROM inspection_answers a
            LEFT JOIN template_items ti ON ti.template_key = i.template_key AND ti.item_id = a.item_id
            WHERE a.inspection_id = i.id AND a.result = 'fail') AS t
        FROM inspections i WHERE i.id = NEW.inspection_id)
    WHERE IFNULL(t, '') <> '';
END;
"""
