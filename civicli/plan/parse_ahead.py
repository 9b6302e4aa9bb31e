"""Plan files parsed ahead, in a child process, while this one writes what is parsed already.

A first load (store/connection.py `build_new`: a database made aside, thrown away on any
failure) need not wait for every file to be validated before writing: the child runs
`load_changed_plans` as the sequential load does and sends each plan as soon as it is parsed,
while the parent expands schedules and inserts rows on the other core. The batch stays all or
nothing: the database is moved into place only when the child has said that every file is
valid.

Whatever the child cannot say — a problem in any file, a crash, a signal — ends the stream with
`ParseAheadFailed`; the caller then parses the files itself, sequentially, so that the problems
are reported exactly as they always are. Only where `os.fork` is safe to use (Linux); elsewhere
`parse_ahead` gives None and the load is sequential.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from civicli.plan import festivals
from civicli.plan.model import Plan

_LENGTH = 8  # bytes of each message's length, big-endian


class ParseAheadFailed(Exception):
    """The child did not vouch for every file: parse them here instead."""


class PlansAhead:
    """The plans a child process parses, in file order, as they come (iterate once), with how
    many files it parses (`total`). Close it (or use it with `with`) to reap the child."""

    def __init__(self, pid: int, stream: IO[bytes]) -> None:
        self._pid = pid
        self._stream = stream
        self._done = False
        self._total: int | None = None

    @property
    def total(self) -> int:
        """How many files the child parses: known once it has found them all (the caller
        meanwhile prepares the database)."""
        if self._total is None:
            first = self._receive()
            if first[0] != "count":
                raise ParseAheadFailed()
            self._total = int(first[1])
        return self._total

    def __iter__(self) -> Iterator[Plan]:
        if self.total == 0:  # the count comes first
            return
        while True:
            message = self._receive()
            if message[0] == "plan":
                if message[2] is not None:
                    festivals.learn_dates(message[2])
                yield message[1]
            elif message[0] == "done":
                self._done = True
                return
            else:
                raise ParseAheadFailed()

    def _receive(self) -> tuple[Any, ...]:
        """The child's next message; ParseAheadFailed when it ended without one, or in the
        middle of one (died, or killed)."""
        head = self._stream.read(_LENGTH)
        size = int.from_bytes(head, "big")
        body = self._stream.read(size) if len(head) == _LENGTH else b""
        if len(body) < size or not body:
            raise ParseAheadFailed()
        message = pickle.loads(body)  # whole, and from our own child
        if not isinstance(message, tuple) or not message:
            raise ParseAheadFailed()
        return message

    def close(self) -> None:
        self._stream.close()
        if not self._done:
            with suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        with suppress(ChildProcessError):
            os.waitpid(self._pid, 0)

    def __enter__(self) -> PlansAhead:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def parse_ahead(paths: Sequence[str | Path]) -> PlansAhead | None:
    """The plan files under `paths` parsed by a child process, every file (nothing skipped as
    unchanged: a first load). None where that cannot be done here."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return None
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: parse, send, and leave without running anything of the parent's
        code = 1
        try:
            os.close(read_end)
            signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C: end quietly, the parent reports
            with os.fdopen(write_end, "wb") as out:
                _parse_and_send(paths, out)
            code = 0
        except BaseException:  # the parent sees the stream end, and parses the files itself
            code = 1
        finally:
            os._exit(code)
    os.close(write_end)
    return PlansAhead(pid, os.fdopen(read_end, "rb"))


def _parse_and_send(paths: Sequence[str | Path], out: IO[bytes]) -> None:
    from civicli.plan.planfile import load_changed_plans

    def send(*message: object) -> None:
        body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        out.write(len(body).to_bytes(_LENGTH, "big") + body)
        out.flush()

    told = (0, 0)

    def parsed(plan: Plan) -> None:
        # with the festival dates converted since the last plan: the parent need not import
        # lunar-python and convert them again
        nonlocal told
        dates = festivals.computed_dates()
        sizes = (len(dates[0]), len(dates[1]))
        send("plan", plan, dates if sizes != told else None)
        told = sizes

    try:
        kept, _skipped, _order = load_changed_plans(
            paths, {}, counted=lambda n: send("count", n), parsed=parsed
        )
    except Exception:
        send("failed")
        return
    send("failed" if kept else "done")  # a plan returned, not handed over: parsed another way
