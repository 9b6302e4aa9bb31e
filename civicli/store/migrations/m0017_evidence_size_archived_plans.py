"""Migration 0017_evidence_size_archived_plans.

- evidence.size: the stored file's size in bytes when it was stored (NULL for files stored
  before this migration: `check` then compares their SHA-256 only). `check` compares the size
  and the SHA-256 of every evidence file with these, and a photo attached again whose stored
  copy is missing or damaged puts a good copy back.
- plans.archived_at: when `civicli archive PLAN` took the plan out of use (NULL: in use). An
  archived plan is gone from every listing, checklist, bulletin and ledger; its history stays
  readable with `log`; loading its file again clears this.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE evidence ADD COLUMN size INTEGER;
ALTER TABLE plans ADD COLUMN archived_at TEXT;
"""
