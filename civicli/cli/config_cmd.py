"""config: show or set the settings kept in the database (the bulletin's 报头 and 报尾)."""

from __future__ import annotations

from typing import Annotated

import typer

from civicli.cli.common import invocation
from civicli.i18n import MSG, SETTINGS, H
from civicli.output.table import Block, Column
from civicli.store.settings import all_settings, check_key, get_setting, set_setting

app = typer.Typer(add_completion=False)  # completion is the root's


@app.command()
def config(
    ctx: typer.Context,
    key: Annotated[
        str | None,
        typer.Argument(metavar="KEY", show_default=False),
    ] = None,
    value: Annotated[
        str | None,
        typer.Argument(metavar="VALUE", show_default=False),
    ] = None,
    json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Show or set a setting.

    Without KEY: every setting, its value and default. With KEY: its value. With KEY VALUE:
    set it. Keys: bulletin.issuer, bulletin.send_to, bulletin.copy_to, bulletin.copies,
    bulletin.title, bulletin.next_issue, ledger.preparer, ledger.reviewer; or their Chinese
    names.
    """
    e = invocation(ctx)
    if key is not None:
        key = check_key(key)  # an unknown key is told before the database is opened
    store = e.store()
    if key is not None and value is not None:
        stored = set_setting(store, key, value)
        if stored is None:
            e.out.note(MSG["config_cleared"].format(key=key))
        else:
            e.out.note(MSG["config_set"].format(key=key, value=stored))
        return
    if key is not None:
        if json:
            e.out.json({"key": key, "value": get_setting(store, key)})
        else:
            e.out.write(get_setting(store, key))
        return
    settings = all_settings(store)
    if json:
        e.out.json(
            [
                {"key": s.key, "name": s.name, "value": s.value, "set": s.is_set, "default": s.default}
                for s in settings
            ]
        )
        return
    block = Block(
        title=None,
        columns=[Column(H["setting"]), Column(H["value"]), Column(H["default"]), Column(H["note"])],
    )
    for s in settings:
        block.rows.append(
            [
                f"{s.key}（{s.name}）" if s.name else s.key,
                (s.value or SETTINGS["empty"]) + ("" if s.is_set else " " + MSG["config_default"]),
                s.default or SETTINGS["empty"],
                s.meaning,
            ]
        )
    e.out.blocks([block])
