"""The command line: thin Typer commands that parse, call the core, and render."""

import os

# The root's options that take a value. They may stand before or after the command: cli/app.py
# finds the command past them, cli/localize.py gives every command a hidden copy of each.
ROOT_VALUE_OPTIONS = ("--db", "--today", "--lang")


def completing() -> bool:
    """Whether this run answers the shell's completion (`_CIVICLI_COMPLETE` set by the script
    `--show-completion` prints): it needs every command."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)
