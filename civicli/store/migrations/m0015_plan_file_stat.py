"""Migration 0015_plan_file_stat.

- plans.file_stat: what the file system said of the plan's file when the bytes loaded were read
  ("device:inode:size:mtime_ns:ctime_ns"), or NULL when it had changed within the last few
  seconds (a second change in the same tick of its clock could not be told from the first). A
  re-load of a file whose resolved path, file_stat and civicli version all match what was
  loaded skips the file without reading it; any other file is read and its sha256 compared, as
  before. Any write to a file changes its ctime, which no program can set back.

Frozen: never edit this file once released; add a new migration instead.
"""

SQL = """
ALTER TABLE plans ADD COLUMN file_stat TEXT;
"""
