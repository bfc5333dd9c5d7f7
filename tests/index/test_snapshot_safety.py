"""Snapshots that cannot lie (issue 14, findings 5–7): writers sharing a data directory never
delete each other's files, damaged BM25 files mean a rebuild, and so does a watermark ahead of SQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.config import Settings
from app.main import create_app
from app.runtime import Runtime, build_runtime
from index.lexical import LexicalIndex
from index.snapshot import SnapshotError, read_snapshot, write_snapshot
from index.vector import FlatVectorIndex, load_vector_index
from models import IndexName, IndexOp
from tests.conftest import Factory, api_key_headers
from tests.index.test_consistency import assert_agrees, ranked_ids, seed, sql_doc_ids

ROUNDS = 40


def run_together(*jobs: Callable[[], None]) -> None:
    threads = [threading.Thread(target=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def flat(seed: int, n: int = 200) -> FlatVectorIndex:
    index = FlatVectorIndex(16)
    index.upsert(np.arange(n), np.random.default_rng(seed).normal(size=(n, 16)).astype(np.float32))
    return index


def load_flat(path: Path) -> FlatVectorIndex:
    loaded = load_vector_index(path, "flat", hnsw_threshold=Settings().hnsw_threshold)
    assert isinstance(loaded, FlatVectorIndex)
    return loaded


# ------------------------------------------------------------ 5: two writers
def test_two_vector_writers_and_a_reader_never_miss_a_file(tmp_path: Path) -> None:
    """Two workers snapshot into one directory while a third process opens: every write
    succeeds, every read finds the file its manifest names, and the last manifest is usable."""
    directory, manifest = tmp_path / "model", tmp_path / "model" / "postdocs.manifest.json"
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(seed: int) -> Callable[[], None]:
        vectors = flat(seed)

        def write() -> None:
            for watermark in range(ROUNDS):
                try:
                    write_snapshot(
                        directory, manifest, vectors, model_id="m", watermark=watermark, name="postdocs"
                    )
                except Exception as exc:  # the race shows as FileNotFoundError
                    errors.append(exc)
            done.set()

        return write

    def reader() -> None:
        while not done.is_set():
            try:
                read_snapshot(directory, manifest, model_id="m", load=load_flat)
            except SnapshotError as exc:
                if "no snapshot yet" not in str(exc):
                    errors.append(exc)

    run_together(writer(1), writer(2), reader)
    assert errors == []
    vectors, meta = read_snapshot(directory, manifest, model_id="m", load=load_flat)
    assert vectors.size == 200 and meta["watermark"] == ROUNDS - 1
    assert [p.name for p in directory.glob("postdocs-*.faiss")] == [meta["file"]]  # older ones removed


WRITER = """
import sys
from pathlib import Path
import numpy as np
from index.snapshot import write_snapshot
from index.vector import FlatVectorIndex
directory, seed = Path(sys.argv[1]), int(sys.argv[2])
vectors = FlatVectorIndex(16)
vectors.upsert(np.arange(200), np.random.default_rng(seed).normal(size=(200, 16)).astype(np.float32))
for watermark in range(int(sys.argv[3])):
    write_snapshot(directory, directory / "postdocs.manifest.json", vectors, model_id="m", watermark=watermark, name="postdocs")
"""


def test_two_writer_processes_never_miss_a_file(tmp_path: Path) -> None:
    """The same with two processes (two ``serve`` workers): the lock holds between them too."""
    directory = tmp_path / "model"
    root = Path(__file__).resolve().parents[2]
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(directory), str(seed), str(ROUNDS)], cwd=root)
        for seed in (1, 2)
    ]
    misses = 0
    while any(w.poll() is None for w in writers):
        try:
            read_snapshot(directory, directory / "postdocs.manifest.json", model_id="m", load=load_flat)
        except SnapshotError as exc:
            misses += "no snapshot yet" not in str(exc)
    assert [w.returncode for w in writers] == [0, 0]
    assert misses == 0
    _, meta = read_snapshot(directory, directory / "postdocs.manifest.json", model_id="m", load=load_flat)
    assert meta["watermark"] == ROUNDS - 1


def test_two_bm25_writers_and_a_reader_never_miss_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "lexical"
    built = {
        "a": LexicalIndex.from_token_strings([(1, "焊缝 缺陷"), (2, "锂电池 正极"), (3, "焊缝 检测")]),
        "b": LexicalIndex.from_token_strings([(1, "海洋 牧场"), (2, "海洋 风电"), (3, "牧场")]),
    }
    expected = {index.digest: index.scores(["焊缝", "海洋"]).tolist() for index in built.values()}
    errors: list[BaseException] = []
    done = threading.Event()

    def writer(index: LexicalIndex) -> Callable[[], None]:
        def write() -> None:
            for _ in range(ROUNDS):
                try:
                    index.save(root, "postdocs")
                except Exception as exc:
                    errors.append(exc)
            done.set()

        return write

    def reader() -> None:
        while not done.is_set():
            try:
                loaded = LexicalIndex.load(root, "postdocs")
            except Exception as exc:
                errors.append(exc)
                continue
            if loaded is not None and loaded.scores(["焊缝", "海洋"]).tolist() != expected[loaded.digest]:
                errors.append(AssertionError(f"scores of {loaded.digest} differ"))

    run_together(writer(built["a"]), writer(built["b"]), reader)
    assert errors == []
    last = LexicalIndex.load(root, "postdocs")
    assert last is not None and last.digest in expected
    assert len([p for p in root.iterdir() if p.is_dir()]) == 1  # older folders removed


# ------------------------------------------------------- 6: damaged BM25 files
def saved_bm25_folder(runtime: Runtime, name: IndexName = IndexName.postdocs) -> Path:
    root = runtime.models.current().indexes[name].lexical_root
    return root / json.loads((root / f"{name}.json").read_text(encoding="utf-8"))["folder"]


def reopen_and_compare(settings: Settings, challenge_id: int, before: list[tuple[int, float]]) -> None:
    """A restart over the damaged files rebuilds BM25 and ranks exactly as before."""
    second = build_runtime(settings)
    try:
        lexical = second.models.current().indexes[IndexName.postdocs].lexical_index
        assert not lexical.mapped  # rebuilt from SQL, not loaded
        assert lexical.ids.tolist() == sql_doc_ids(second, IndexName.postdocs)
        with TestClient(create_app(runtime=second), headers=api_key_headers(second)) as other:
            assert ranked_ids(other, challenge_id) == before
    finally:
        second.close()


def test_an_empty_ids_file_is_rebuilt_not_a_crash(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    _, challenge = seed(make)
    before = ranked_ids(client, challenge["id"])
    runtime.save_snapshots()
    (saved_bm25_folder(runtime) / "ids.npy").write_bytes(b"")
    reopen_and_compare(settings, challenge["id"], before)


def test_a_reversed_ids_file_is_rebuilt(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    _, challenge = seed(make)
    before = ranked_ids(client, challenge["id"])
    runtime.save_snapshots()
    path = saved_bm25_folder(runtime) / "ids.npy"
    np.save(path, np.load(path)[::-1].copy(), allow_pickle=False)
    reopen_and_compare(settings, challenge["id"], before)


def test_a_replaced_vocabulary_is_rebuilt(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    _, challenge = seed(make)
    before = ranked_ids(client, challenge["id"])
    runtime.save_snapshots()
    path = saved_bm25_folder(runtime) / "vocab.index.json"
    vocab = json.loads(path.read_text(encoding="utf-8"))
    terms, ids = list(vocab), list(vocab.values())
    path.write_text(
        json.dumps(dict(zip(terms, ids[::-1], strict=True)), ensure_ascii=False), encoding="utf-8"
    )
    reopen_and_compare(settings, challenge["id"], before)


# --------------------------------------------------- 7: watermark ahead of SQL
def test_a_watermark_ahead_of_sql_means_a_rebuild(
    settings: Settings, runtime: Runtime, client: TestClient, make: Factory
) -> None:
    """E.g. the database was restored from an older backup under a newer data directory."""
    _, challenge = seed(make)
    runtime.save_snapshots()
    with runtime.session() as s:
        head = int(s.scalar(select(func.max(IndexOp.id))) or 0)
    for name in IndexName:
        path = runtime.models.current().indexes[name].snapshot_dir / f"{name}.manifest.json"
        meta = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({**meta, "watermark": head + 100}), encoding="utf-8")
    second = build_runtime(settings)
    try:
        assert all(i.rebuilt_on_open for i in second.models.current().indexes.values())
        assert all(i.watermark == head for i in second.models.current().indexes.values())
        with TestClient(create_app(runtime=second), headers=api_key_headers(second)) as other:
            newcomer = Factory(other).postdoc(
                email="newcomer@example.edu.cn", research_interests="焊缝缺陷 机器视觉 焊缝检测 船体"
            )
            assert newcomer["id"] in [pid for pid, _ in ranked_ids(other, challenge["id"])]
            reverse = other.get(f"/postdocs/{newcomer['id']}/challenges")
            assert reverse.status_code == 200, reverse.text
            assert challenge["id"] in [i["challenge"]["id"] for i in reverse.json()["items"]]
        assert_agrees(second)
    finally:
        second.close()
