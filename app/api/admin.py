"""Service administration (admin role only): change the embedding model at run time."""

from __future__ import annotations

from fastapi import APIRouter, status
from pydantic import Field

from app.api.deps import AdminUser, RuntimeDep
from app.errors import Conflict
from app.model_manager import ReencodeInProgress
from app.schemas.common import InputModel

__all__ = ["ModelSwitch", "router"]

router = APIRouter(prefix="/admin", tags=["admin"])


class ModelSwitch(InputModel):
    model: str = Field(
        min_length=1,
        max_length=300,
        description='hub name, local directory, "bundled:all-MiniLM-L6-v2" or "hashing:<dim>"',
    )
    query_prefix: str = Field(default="", max_length=200)
    passage_prefix: str = Field(default="", max_length=200)


@router.post("/model", status_code=status.HTTP_202_ACCEPTED)
def switch_model(runtime: RuntimeDep, _: AdminUser, body: ModelSwitch) -> dict[str, object]:
    """Re-encode every document with another model in the background; the current model keeps
    serving until the new indexes are complete, then they are swapped in. Follow progress (and
    any ``reencode_error``) on ``GET /health``. The change lasts until the process restarts:
    set ``JIEBANG_MODEL`` too, or the next start re-encodes back to the configured model. It
    switches the process that answers; with several workers or replicas, change ``JIEBANG_MODEL``
    and restart them one by one (each serves its previous model until its re-encode completes)."""
    models = runtime.models
    current = models.settings
    if (body.model, body.query_prefix, body.passage_prefix) == (
        current.model,
        current.query_prefix,
        current.passage_prefix,
    ):
        raise Conflict(f"already serving {body.model!r}")
    try:
        models.switch(body.model, query_prefix=body.query_prefix, passage_prefix=body.passage_prefix)
    except ReencodeInProgress as exc:
        raise Conflict(f"{exc}; wait until GET /health no longer shows it") from exc
    return {"serving": models.current().model_id, "reencode": models.status()}
