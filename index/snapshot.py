"""Atomic index snapshots.

The vector file is written under a unique name (``<index>-<watermark>-<uuid>.faiss``): to a
``.tmp`` file, fsync'd, then ``os.replace``d. The manifest (model id, dimension, watermark,
count, sha256 of the vector file) is then replaced the same way; it is the only pointer to the
current file, so several processes snapshotting at once never pair one's manifest with
another's vectors. Older vector files are removed after the manifest moves.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from index.vector import VectorIndex

__all__ = ["FORMAT_VERSION", "SnapshotError", "read_manifest", "read_snapshot", "write_snapshot"]

FORMAT_VERSION = 1


class SnapshotError(Exception):
    """The snapshot is missing, corrupt, or was made by another model."""


def _fsync_write(path: Path, write: Any) -> None:
    tmp = path.with_name(path.name + f".{uuid.uuid4().hex}.tmp")
    try:
        write(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_snapshot(
    directory: Path,
    manifest: Path,
    vectors: VectorIndex,
    *,
    model_id: str,
    watermark: int,
    name: str,
) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    data_file = directory / f"{name}-{watermark}-{uuid.uuid4().hex[:12]}.faiss"
    _fsync_write(data_file, vectors.save)
    meta = {
        "format": FORMAT_VERSION,
        "index": name,
        "model_id": model_id,
        "dim": vectors.dim,
        "watermark": watermark,
        "count": vectors.size,
        "file": data_file.name,
        "sha256": _sha256_file(data_file),
    }
    _fsync_write(manifest, lambda p: p.write_text(json.dumps(meta, indent=2), encoding="utf-8"))
    for old in directory.glob(f"{name}-*.faiss"):
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
    return meta


def read_snapshot(
    directory: Path,
    manifest: Path,
    *,
    model_id: str,
    load: Callable[[Path], VectorIndex],
) -> tuple[VectorIndex, dict[str, Any]]:
    """Load and verify a snapshot; raise ``SnapshotError`` saying why it cannot be used."""
    meta = read_manifest(manifest, model_id=model_id)
    data_file = directory / str(meta.get("file", ""))
    if not data_file.is_file() or _sha256_file(data_file) != meta.get("sha256"):
        raise SnapshotError(f"vector file {data_file.name} is missing or corrupt")
    try:
        vectors = load(data_file)
    except (RuntimeError, OSError, ValueError, KeyError) as exc:  # unreadable file (faiss: RuntimeError)
        raise SnapshotError(f"faiss cannot read {data_file.name}: {exc}") from exc
    if vectors.size != meta.get("count") or vectors.dim != meta.get("dim"):
        raise SnapshotError("vector count or dimension differs from the manifest")
    return vectors, meta
