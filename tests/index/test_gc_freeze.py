"""The service freezes its loaded indexes out of the garbage collector's full collections."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from app.runtime import build_runtime
from models import IndexName
from tests.conftest import make_settings


@pytest.mark.parametrize("freeze", [True, False])
def test_opened_indexes_are_frozen_only_when_configured(tmp_path: Path, freeze: bool) -> None:
    # the database plays no part (SQLite only): what is frozen is the process's heap
    gc.unfreeze()
    runtime = build_runtime(make_settings(tmp_path, f"sqlite:///{tmp_path / 'test.db'}", gc_freeze=freeze))
    try:
        index = runtime.models.current().indexes[IndexName.postdocs]  # a long-lived object
        tracked = {id(o) for o in gc.get_objects()}
        assert (id(index) in tracked) is not freeze
        assert (gc.get_freeze_count() > 0) is freeze
    finally:
        gc.unfreeze()
        runtime.close()
