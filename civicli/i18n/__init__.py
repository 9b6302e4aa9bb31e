"""Every word a user reads, one catalog per language."""

from civicli.i18n.zh import *  # noqa: F403
