"""Drafting a plan file from a plan document (`civicli draft`): document.py reads it into blocks,
patterns.py holds the rules, drafter.py turns the blocks into a plan and its YAML text."""
