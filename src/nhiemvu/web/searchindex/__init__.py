"""Accent- and case-folded copy of each task's text, so word search is a plain LIKE scan
in the database (C speed on SQLite too) instead of a Python function per row."""
