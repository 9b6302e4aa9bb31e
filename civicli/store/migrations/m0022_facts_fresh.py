"""Migration 0022_facts_fresh: the occurrences' `refresh` column named for what it holds.

`facts_fresh`: 1 when the facts cached on the row are those of the history as it stands. A row
inserted with its facts (the loader's) comes with 1; any other is inserted with 0, and marking a
row 0 has its facts computed again, which sets it back to 1. The triggers that do this are no
longer written in migrations: store/completion.py makes them from the one text of the rule and
installs them whenever the text the database keeps differs from its own (after the migrations,
on open), and then recomputes every row: so the values this column held as `refresh` (-1, 0, 1)
need no translating here.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE occurrences RENAME COLUMN refresh TO facts_fresh;
"""
