"""The reading core imports nothing from storage, web or the command line."""

from __future__ import annotations

import ast
from pathlib import Path

CORE = ["text", "lang", "extract"]
FORBIDDEN = ("sqlalchemy", "fastapi", "typer", "starlette", "alembic", "kuzet.store", "kuzet.web", "kuzet.cli")
PKG = Path(__file__).resolve().parent.parent / "kuzet"


def test_core_is_pure() -> None:
    offenders = []
    for part in CORE:
        for path in (PKG / part).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                offenders += [f"{path.name}: {n}" for n in names if n.startswith(FORBIDDEN)]
    assert offenders == []
