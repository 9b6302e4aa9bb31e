"""Shared state of one invocation: where the database is, what day it is, where output goes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import typer

from civicli.dates import BadDate, parse_week
from civicli.dates import parse_date as read
from civicli.i18n import ERR
from civicli.limits import MAX_ID
from civicli.output.files import Protected
from civicli.output.terminal import Out
from civicli.store.connection import Store, default_path
from civicli.store.evidence import evidence_folder
from civicli.store.names import resolve_plan


@dataclass
class Invocation:
    """One run of civicli: the database it uses (opened on first use), the day it takes as
    today, and its terminal."""

    db_path: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)
    _store: Store | None = None
    _out: Out | None = None

    def store(self) -> Store:
        if self._store is None:
            # the store's code is loaded by the first command that opens it (never by --help
            # or --version)
            from civicli.store.database import open_store

            self._store = open_store(self.db_path)
        return self._store

    @property
    def out(self) -> Out:
        if self._out is None:
            self._out = Out()
        return self._out

    def database_path(self) -> Path:
        """The database this invocation uses (opened or not)."""
        if self._store is not None:
            return Path(self._store.path)
        if self.db_path is not None:
            return self.db_path
        return default_path()

    def protected(self) -> Protected:
        """What no --output may replace, even with --force: this invocation's database, its
        journals and evidence folder, and the plan files loaded into it (read only when the
        database exists: checking an output path never creates one)."""
        db = self.database_path()
        plan_files: list[str] = []
        if self._store is not None or db.exists():
            from civicli.store.plans import loaded_plan_files

            plan_files = loaded_plan_files(self.store())
        return Protected(database=str(db), evidence=str(evidence_folder(db)), plan_files=plan_files)

    def close(self) -> None:
        if self._store is not None:
            self.db_path = Path(self._store.path)  # still named by a message after it closed
            self._store.close()
            self._store = None


def invocation(ctx: typer.Context) -> Invocation:
    """This run's Invocation (set up by the root callback)."""
    obj = ctx.find_root().obj
    if not isinstance(obj, Invocation):
        obj = Invocation()
        ctx.find_root().obj = obj
    return obj


def parse_date(value: str, what: str, today: dt.date | None = None) -> dt.date:
    """A date as civicli.dates reads it (a date without its year: in `today`'s year); a usage
    error (exit 2) naming `what` else."""
    try:
        return read(value, what, today)
    except BadDate as exc:
        raise typer.BadParameter(str(exc)) from None  # the message names the option itself


def date_option(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback: a DATE option's value as ISO text, or a usage error (exit 2) naming it."""
    if value is None:
        return None
    what = "/".join(param.opts) if param.opts else str(param.name)
    return parse_date(value, what, invocation(ctx).today).isoformat()


def week_option(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback for --week: an ISO week or a date in it, as the week's key (2027-W36), or
    a usage error (exit 2) naming --week."""
    if value is None:
        return None

    try:
        return parse_week(value, "--week", invocation(ctx).today).key
    except BadDate as exc:
        raise typer.BadParameter(str(exc)) from None  # the message names --week itself


def id_option(ctx: typer.Context, param: typer.CallbackParam, value: int | None) -> int | None:
    """Option/argument callback: a record's, inspection's or rectification's number, 1 and up to
    the largest SQLite can hold; a usage error (exit 2) naming the parameter else."""
    if value is not None and not 1 <= value <= MAX_ID:
        if param.param_type_name == "option":
            what = "/".join(param.opts)
        else:
            what = (param.metavar or str(param.name)).strip("[]")
        raise typer.BadParameter(ERR["int_range"].format(what=what, value=value, low=1, high=MAX_ID))
    return value


def plan_ref(e: Invocation, ref: str | None) -> str | None:
    """--plan / PLAN as the clerk types it (an id, or text in exactly one plan's title) → the plan id."""
    if ref is None:
        return None

    return resolve_plan(e.store(), ref)
