"""index/ declares its public names and never reaches for another module's private ones."""

from __future__ import annotations

import ast
from pathlib import Path

INDEX = Path(__file__).resolve().parents[2] / "index"
# owned by the encoder/models branch (issue 15 gives them ``__all__`` there)
ELSEWHERE = {"encoder.py", "models.py"}


def modules() -> list[Path]:
    return sorted(p for p in INDEX.glob("*.py") if p.name not in ELSEWHERE)


def test_every_module_declares_all_and_exports_only_what_it_defines() -> None:
    for path in modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        declared = [
            n for n in tree.body if isinstance(n, ast.Assign | ast.AnnAssign) and "__all__" in ast.unparse(n)
        ]
        assert declared, f"{path.name} has no __all__"
        module = __import__(f"index.{path.stem}" if path.stem != "__init__" else "index", fromlist=["*"])
        missing = [name for name in module.__all__ if not hasattr(module, name)]
        assert missing == [], f"{path.name} exports undefined names {missing}"


def test_no_private_name_of_another_index_module_is_imported() -> None:
    for path in INDEX.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("index"):
                private = [a.name for a in node.names if a.name.startswith("_")]
                assert private == [], f"{path.name} imports {private} from {node.module}"


def test_modules_stay_under_400_lines() -> None:
    for path in INDEX.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
