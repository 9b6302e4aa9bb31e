"""Migration 0024_rectification_links: a rectification's `opener` (the inspection that opens it
now) and `closed_step` (the passing recheck that closed it) become foreign keys, to
inspections(id) and rectification_steps(id). Migration 0009 added them as bare integers:
SQLite's ALTER TABLE cannot give an existing column a REFERENCES clause, so the table is
rebuilt.

The rebuild is sqlite-utils' `Table.transform`: it writes the new table from the old one's
own schema (its CHECK on status, defaults, NOT NULLs and indexes kept), copies the rows, drops
the old table and renames the new one — inside this migration's transaction (savepoints,
foreign keys deferred until it commits). No trigger is on the table and no view reads it, so
nothing else needs making again. Its result depends on how sqlite-utils writes a table, which
is why pyproject.toml keeps sqlite-utils to one major version.

Frozen: never edit this file once released; add a new migration instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civicli.store.migrations import MigrationDb


def apply(db: MigrationDb) -> None:
    db["rectifications"].transform(
        add_foreign_keys=[("opener", "inspections", "id"), ("closed_step", "rectification_steps", "id")]
    )
