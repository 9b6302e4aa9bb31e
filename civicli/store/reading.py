"""Reading the store consistently: one read transaction for a document's many reads."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from civicli.store.connection import Store


@contextmanager
def snapshot(store: Store) -> Iterator[Store]:
    """Run the reads in one read transaction: a consistent view while others write (WAL). Inside
    a transaction already open, the reads join it."""
    conn = store.conn
    began = False
    if not conn.in_transaction:
        conn.execute("BEGIN")
        began = True
    try:
        yield store
    finally:
        if began and conn.in_transaction:
            conn.execute("COMMIT")


def has_plans(store: Store) -> bool:
    """Whether any plan was ever loaded (archived ones too)."""
    return store.one("SELECT 1 AS x FROM plans LIMIT 1") is not None
