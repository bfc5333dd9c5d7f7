"""The demo event that ``jiebang demo`` adds: filled from the demo data and scheduled once."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sqlalchemy import select

from app.runtime import Runtime
from app.services.event_demo import DEMO_POSTDOCS, ensure_demo_event
from app.services.imports import import_rows
from models import Meeting

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo"


def test_the_demo_event_is_scheduled_once(runtime: Runtime) -> None:
    for kind in ("stations", "enterprises", "postdocs", "challenges"):
        import_rows(
            runtime.sessions,
            runtime.models.current(),
            kind,
            (DEMO / f"{kind}.jsonl").read_bytes(),
            "jsonl",
            max_rows=runtime.settings.max_import_rows,
        )
    with runtime.session() as session:
        event = ensure_demo_event(session, runtime.view(), runtime.settings)
        assert event is not None and event.solve_report is not None
        assert event.solve_report["status"] == "optimal"
        meetings = list(session.scalars(select(Meeting).where(Meeting.event_id == event.id)))
        per_postdoc = Counter(m.postdoc_participant_id for m in meetings)
        assert len(per_postdoc) == DEMO_POSTDOCS  # 10 tables × 8 slots: everyone meets someone
        assert max(Counter((m.slot, m.table) for m in meetings).values()) == 1
        assert ensure_demo_event(session, runtime.view(), runtime.settings) is None
