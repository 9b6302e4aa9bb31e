"""Shared state of one invocation: where the database is, what day it is, where output goes."""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ParamSpec, TypeVar

import typer

from civicli.errors import CivicliError
from civicli.i18n import ERR
from civicli.output.terminal import Out
from civicli.store.connection import Store

P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Env:
    db_path: Path | None = None
    today: dt.date = field(default_factory=dt.date.today)
    _store: Store | None = None
    _out: Out | None = None

    def store(self) -> Store:
        if self._store is None:
            from civicli.store.connection import open_store

            self._store = open_store(self.db_path)
        return self._store

    @property
    def out(self) -> Out:
        if self._out is None:
            self._out = Out()
        return self._out

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def env(ctx: typer.Context) -> Env:
    """The Env of this invocation (set up by the root callback)."""
    obj = ctx.find_root().obj
    if not isinstance(obj, Env):
        obj = Env()
        ctx.find_root().obj = obj
    return obj


def parse_date(value: str, what: str) -> dt.date:
    """A date typed in any of the five forms (plan.dates); a usage error (exit 2) naming `what` else."""
    from civicli.plan.dates import parse_date_text

    day = parse_date_text(value)
    if day is None:
        raise typer.BadParameter(ERR["bad_date_value"].format(value=value), param_hint=what)
    return day


def date_option(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback: a DATE option's value as ISO text, or a usage error (exit 2) naming it."""
    if value is None:
        return None
    return parse_date(value, "/".join(param.opts) if param.opts else str(param.name)).isoformat()


def week_option(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Option callback for --week: an ISO week or a date in it, checked here (a usage error, exit 2)."""
    if value is None:
        return None
    from civicli.errors import CivicliError
    from civicli.reports.bulletin import parse_week

    try:
        parse_week(value)
    except CivicliError as exc:
        raise typer.BadParameter(str(exc)) from None  # the message names --week itself
    return value


def plan_ref(e: Env, ref: str | None) -> str | None:
    """--plan / PLAN as the clerk types it (an id, or text in exactly one plan's title) → the plan id."""
    if ref is None:
        return None
    from civicli.store.plans import resolve_plan

    return resolve_plan(e.store(), ref)


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn CivicliError (and a database that stays locked) into one-line messages and exit 1."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except CivicliError as exc:
            out = Out()
            for line in exc.lines():
                out.error(line)
            raise typer.Exit(code=exc.exit_code) from None
        except sqlite3.OperationalError as exc:
            Out().error(ERR["db_busy"].format(reason=exc))
            raise typer.Exit(code=1) from None

    return wrapper
