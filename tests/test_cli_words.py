"""The command line's words are civicli's: every command and every option it shows has its help
in both catalogs, and every option that takes a value names it (a metavar), so that help is
written from the catalogs alone, whatever typer would write."""

from __future__ import annotations

import pytest

from civicli.cli.app import COMMANDS, _command
from civicli.cli.localize import help_text
from civicli.i18n import set_language


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_and_option_has_its_help_in_the_catalog(name: str, language: str) -> None:
    set_language(language)
    try:
        command = _command(name)
        assert help_text(name), name
        for param in command.params:
            if getattr(param, "hidden", False):
                continue
            assert help_text(name, param.name or ""), (name, param.name)
            if param.param_type_name == "option" and not param.is_flag:
                assert param.metavar, (name, param.name)
    finally:
        set_language("zh")
