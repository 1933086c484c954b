"""The `giamngheo` console command; subcommands register themselves here (argparse)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from giamngheo.standards import cli as standards_cli


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="giamngheo", description="giamngheo command-line tools")
    subparsers = parser.add_subparsers(dest="command", required=True)
    standards_cli.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand and return its exit code."""
    args = build_parser().parse_args(argv)
    return int(args.handler(args))
