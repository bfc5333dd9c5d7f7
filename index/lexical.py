"""BM25 over bilingual tokens (bm25s), with the document ids it was built on.

Built from the stored token strings as a stream: each document becomes a compact int32 array of
vocabulary ids (not a list of Python strings), so 700,000 documents fit in a few hundred MiB.

Building it at 700,000 documents takes about 45 s and 1.7 GiB at its peak, so an index is saved
(``save``: bm25s's own files plus the ids) and loaded memory-mapped (``load``): its postings then
stay in the page cache, shared and reclaimable, and only the pages queries touch are resident.
A saved index carries the ``digest`` of the (id, tokens) rows it was built from, in id order;
``token_digest`` computes the same digest from SQL without building anything, so a process
loads a saved index only when SQL still holds exactly those rows.
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path

import bm25s
import numpy as np
from bm25s.tokenization import Tokenized

from index.files import atomic_write, fsync_dir, fsync_file, sha256_file
from index.locks import directory_lock

__all__ = ["FORMAT", "Digest", "LexicalIndex", "token_digest"]

FORMAT = "jiebang-bm25-2"  # 2: the manifest holds every file's sha256
# bm25s sets its own logger to DEBUG on import, which logs every index build at any log level
logging.getLogger("bm25s").setLevel(logging.WARNING)


class Digest:
    """Running digest of (document id, token string) rows, in the order they are given."""

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)
        self.count = 0

    def add(self, doc_id: int, tokens: str) -> None:
        self._hash.update(doc_id.to_bytes(8, "little", signed=True))
        self._hash.update(tokens.encode())
        self._hash.update(b"\0")
        self.count += 1

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def token_digest(rows: Iterable[tuple[int, str]]) -> tuple[str, int]:
    """(digest, row count) of (document id, token string) rows, as ``from_token_strings`` records."""
    digest = Digest()
    for doc_id, tokens in rows:
        digest.add(doc_id, tokens)
    return digest.hexdigest(), digest.count


class LexicalIndex:
    """An immutable BM25 index; rebuilt from the documents' stored tokens when they change."""

    def __init__(self, ids: np.ndarray, token_lists: Iterable[list[str]]) -> None:
        self.ids = np.asarray(ids, dtype=np.int64)
        self._order = np.argsort(self.ids, kind="stable")  # for aligning scores with doc ids
        self._bm25: bm25s.BM25 | None = None
        self._vocab: dict[str, int] = {}
        vocab: dict[str, int] = {}
        encoded = [
            np.fromiter((vocab.setdefault(t, len(vocab)) for t in tokens), dtype=np.int32)
            for tokens in token_lists
        ]
        if any(e.size for e in encoded):  # bm25s divides by the mean length: no tokens, no BM25
            self._bm25 = bm25s.BM25()
            self._bm25.index(Tokenized(ids=encoded, vocab=vocab), show_progress=False)
            self._vocab = self._bm25.vocab_dict

    digest: str | None = None  # of the rows it was built from (``from_token_strings``)

    @classmethod
    def from_token_strings(cls, rows: Iterable[tuple[int, str]]) -> LexicalIndex:
        """From (document id, space-separated tokens) rows, e.g. streamed from SQL."""
        ids: list[int] = []
        digest = Digest()

        def tokens() -> Iterator[list[str]]:
            for doc_id, text in rows:
                ids.append(doc_id)
                digest.add(doc_id, text)
                yield text.split()

        token_lists = tokens()
        index = cls.__new__(cls)
        cls.__init__(index, np.zeros(0, dtype=np.int64), token_lists)
        index.ids = np.asarray(ids, dtype=np.int64)
        index._order = np.argsort(index.ids, kind="stable")
        index.digest = digest.hexdigest()
        return index

    # ----------------------------------------------------------------- saving
    def save(self, root: Path, name: str) -> None:
        """Write this index under ``root`` as ``<name>-<uuid>/`` (each file fsync'd) and point
        ``<name>.json`` at it, with the sha256 of every file (replaced atomically, so a reader
        sees the old index or the new one, never half of one); older folders of ``name`` are
        removed afterwards. One writer at a time: it holds ``root``'s file lock throughout."""
        if self.digest is None:
            raise ValueError("only an index built by from_token_strings records its digest")
        with directory_lock(root):
            folder = root / f"{name}-{uuid.uuid4().hex}"
            folder.mkdir()
            if self._bm25 is not None:
                self._bm25.save(str(folder), show_progress=False)
            np.save(folder / "ids.npy", self.ids, allow_pickle=False)
            files = {}
            for path in sorted(folder.iterdir()):
                fsync_file(path)
                files[path.name] = sha256_file(path)
            fsync_dir(folder)
            manifest = {"format": FORMAT, "digest": self.digest, "count": self.size, "folder": folder.name}
            manifest["files"] = files
            atomic_write(
                root / f"{name}.json", lambda p: p.write_text(json.dumps(manifest), encoding="utf-8")
            )
            for old in root.glob(f"{name}-*"):
                if old.is_dir() and old.name != folder.name:
                    shutil.rmtree(old, ignore_errors=True)  # a reader's mapping outlives the unlink

    @classmethod
    def load(cls, root: Path, name: str) -> LexicalIndex | None:
        """The index saved as ``name``, memory-mapped, once every file matches its checksum;
        None when none was saved (in this format). Raises OSError, ValueError or EOFError when
        the saved files are unusable."""
        if not root.is_dir():
            return None
        with directory_lock(root, shared=True):
            manifest = _saved_manifest(root / f"{name}.json")
            if manifest is None:
                return None
            folder = root / Path(str(manifest["folder"])).name
            _verify(folder, manifest["files"])
            return cls._mapped(folder, manifest)

    @classmethod
    def _mapped(cls, folder: Path, manifest: dict) -> LexicalIndex:
        index = cls(np.zeros(0, dtype=np.int64), [])
        index.ids = np.load(folder / "ids.npy", allow_pickle=False)
        index._order = np.argsort(index.ids, kind="stable")
        if index.ids.size and (folder / "params.index.json").exists():  # absent: no tokens at all
            index._bm25 = bm25s.BM25.load(str(folder), mmap=True)
            index._vocab = index._bm25.vocab_dict
        index.digest = str(manifest["digest"])
        if len(index.ids) != manifest["count"]:
            raise ValueError(f"saved BM25 index {folder} holds {len(index.ids)} ids, not {manifest['count']}")
        return index

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def mapped(self) -> bool:
        """Whether the postings are memory-mapped from saved files (``load``), not built here."""
        return self._bm25 is not None and isinstance(self._bm25.scores["data"], np.memmap)

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every document (aligned with ``self.ids``) for one query."""
        known = [t for t in query_tokens if t in self._vocab]
        if self._bm25 is None or not known:
            return np.zeros(len(self.ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def document_frequency(self, tokens: list[str]) -> np.ndarray:
        """How many documents hold each token (0 for a token no document holds)."""
        indptr = self._bm25.scores["indptr"] if self._bm25 is not None else None
        return np.array(
            [
                int(indptr[self._vocab[t] + 1] - indptr[self._vocab[t]])
                if indptr is not None and t in self._vocab
                else 0
                for t in tokens
            ],
            dtype=np.int64,
        )

    def idf(self, query_tokens: list[str]) -> np.ndarray:
        """The BM25 (Lucene) inverse document frequency of each token, as the scores weigh it:
        ``log(1 + (N − df + 0.5) / (df + 0.5))``; a token no document holds gets the highest.
        No document scores more than their sum (bm25s's term weight ``tf / (tf + k1 · …)`` < 1)."""
        df = self.document_frequency(query_tokens).astype(np.float64)
        return np.log1p((self.size - df + 0.5) / (df + 0.5))

    def aligned(self, scores: np.ndarray, doc_ids: np.ndarray) -> np.ndarray:
        """The entries of ``scores`` (aligned with ``self.ids``) for ``doc_ids``; 0 where absent."""
        if self.ids.size == 0 or doc_ids.size == 0:
            return np.zeros(len(doc_ids), dtype=np.float32)
        pos = np.clip(np.searchsorted(self.ids, doc_ids, sorter=self._order), 0, len(self._order) - 1)
        hit = self.ids[self._order[pos]] == doc_ids
        return np.where(hit, scores[self._order[pos]], 0.0).astype(np.float32)


def _saved_manifest(path: Path) -> dict | None:
    """A saved index's manifest (None when there is none, it is unreadable or of another format)."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and manifest.get("format") == FORMAT else None


def _verify(folder: Path, files: object) -> None:
    """Raise ValueError unless every file the manifest lists, ids.npy among them, is intact."""
    if not isinstance(files, dict) or "ids.npy" not in files:
        raise ValueError(f"the manifest of {folder.name} lists no checksums")
    for file_name, sha in files.items():
        path = folder / Path(str(file_name)).name
        if not path.is_file() or sha256_file(path) != sha:
            raise ValueError(f"{folder.name}/{path.name} is missing or does not match its checksum")
