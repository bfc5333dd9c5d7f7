"""Atomic index snapshots, safe against every other process sharing the data directory.

The vector file is written under a unique name (``<index>-<watermark>-<uuid>.faiss``): to a
``.tmp`` file, fsync'd, then ``os.replace``d. The manifest (model id, dimension, watermark,
count, sha256 of the vector file) is then replaced the same way; it is the only pointer to the
current file. Older vector files are removed after the manifest moves.

One writer at a time per directory: a writer holds the directory's file lock (exclusive) from
its first file to its clean-up, and a reader holds it shared while it reads, so no writer removes
a file that a manifest being written, or a reader, still needs.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.files import atomic_write, sha256_file
from index.locks import directory_lock
from index.vector import VectorIndex

__all__ = ["FORMAT_VERSION", "SnapshotError", "read_manifest", "read_snapshot", "write_snapshot"]

FORMAT_VERSION = 1


class SnapshotError(Exception):
    """The snapshot is missing, corrupt, or was made by another model."""


def write_snapshot(
    directory: Path,
    manifest: Path,
    vectors: VectorIndex,
    *,
    model_id: str,
    watermark: int,
    name: str,
) -> None:
    """Write ``vectors`` and then the manifest pointing at them, holding the directory's lock."""
    with directory_lock(directory):
        data_file = directory / f"{name}-{watermark}-{uuid.uuid4().hex[:12]}.faiss"
        atomic_write(data_file, vectors.save)
        meta = {
            "format": FORMAT_VERSION,
            "index": name,
            "model_id": model_id,
            "dim": vectors.dim,
            "watermark": watermark,
            "count": vectors.size,
            "file": data_file.name,
            "sha256": sha256_file(data_file),
        }
        atomic_write(manifest, lambda p: p.write_text(json.dumps(meta, indent=2), encoding="utf-8"))
        # older files, and temporary ones a killed writer left (no writer is busy: we hold the lock)
        stale = [
            *directory.glob(f"{name}-*.faiss"),
            *directory.glob(f"{name}-*.faiss.*.tmp"),
            *directory.glob(f"{manifest.name}.*.tmp"),
        ]
        for old in stale:
            if old.name != data_file.name:
                with contextlib.suppress(FileNotFoundError):
                    old.unlink()


def read_manifest(manifest: Path, *, model_id: str) -> dict[str, Any]:
    """The manifest, if it exists, parses, has this format and was made by ``model_id``."""
    try:
        meta = json.loads(manifest.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SnapshotError("no snapshot yet") from exc
    except (OSError, ValueError) as exc:
        raise SnapshotError(f"unreadable manifest: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION:
        raise SnapshotError(f"manifest format is not {FORMAT_VERSION}")
    if meta.get("model_id") != model_id:
        raise SnapshotError(f"made by model {meta.get('model_id')!r}, configured {model_id!r}")
    watermark = meta.get("watermark")
    if not isinstance(watermark, int) or isinstance(watermark, bool) or watermark < 0:
        raise SnapshotError(f"manifest watermark {watermark!r} is not an op id")
    return meta


def read_snapshot(
    directory: Path,
    manifest: Path,
    *,
    model_id: str,
    load: Callable[[Path], VectorIndex],
) -> tuple[VectorIndex, dict[str, Any]]:
    """Load and verify a snapshot; raise ``SnapshotError`` saying why it cannot be used."""
    if not directory.is_dir():
        raise SnapshotError("no snapshot yet")
    with directory_lock(directory, shared=True):
        meta = read_manifest(manifest, model_id=model_id)
        data_file = directory / Path(str(meta.get("file", ""))).name
        try:
            intact = data_file.is_file() and sha256_file(data_file) == meta.get("sha256")
        except OSError:
            intact = False
        if not intact:
            raise SnapshotError(f"vector file {data_file.name} is missing or corrupt")
        try:
            vectors = load(data_file)
        except (RuntimeError, OSError, ValueError, KeyError, EOFError) as exc:  # faiss: RuntimeError
            raise SnapshotError(f"faiss cannot read {data_file.name}: {exc}") from exc
    if vectors.size != meta.get("count") or vectors.dim != meta.get("dim"):
        raise SnapshotError("vector count or dimension differs from the manifest")
    return vectors, meta
