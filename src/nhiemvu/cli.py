"""Command line entry point: `nhiemvu <command>`.

Each domain package contributes its commands through a `register(subparsers)`
function in its own `cli` module, so this file only wires them together.
Django is set up lazily, only for commands that touch the database.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules that define `register(subparsers)`. Missing ones are skipped so that the
# pure commands keep working while a package is being built.
COMMAND_MODULES = (
    "nhiemvu.ingest.cli",
    "nhiemvu.directory.cli",
    "nhiemvu.tracking.cli",
    "nhiemvu.reports.cli",
    "nhiemvu.jobs.cli",
    "nhiemvu.web.cli",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nhiemvu",
        description="Giao và theo dõi nhiệm vụ từ văn bản chỉ đạo.",
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130


def setup_django() -> None:
    """Configure Django for commands that use the database (idempotent)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhiemvu.web.settings")
    django.setup()


if __name__ == "__main__":
    raise SystemExit(main())
