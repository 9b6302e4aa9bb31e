"""The `civicli` console script."""

from __future__ import annotations

import gc
import signal

from civicli.cli.app import main as run


def main() -> None:
    _fewer_collections()
    _interrupt_on_term()

    run()


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM or SIGHUP: end the command the way Ctrl-C does (KeyboardInterrupt): the write
    transaction rolls back, temporaries are removed, nothing half-written is left. A second
    signal while that cleaning runs is ignored."""
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_IGN)
    raise KeyboardInterrupt


def _interrupt_on_term() -> None:
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(sig) is signal.SIG_IGN:  # nohup: the clerk asked for it to go on
            continue
        signal.signal(sig, _interrupt)


def _fewer_collections() -> None:
    """Python's cyclic garbage collector set for one short command that makes many small rows
    and few cycles (mypy does the same): what the imports made is set aside for good
    (`gc.freeze`), and a collection waits for 50,000 new objects instead of 700. `tasks --json`
    of a district: 5% less CPU; its bulletin at 1,000 plans: 10%."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
