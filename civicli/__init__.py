"""civicli: community civilization-building work plans (社区精神文明创建工作计划) in SQLite."""

__version__ = "0.1.0"
