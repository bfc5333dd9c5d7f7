"""The BM25 channel of one index: built from SQL's stored tokens, rebuilt in a background thread
when large, saved next to the vector snapshots (every file under a checksum) and loaded only when
SQL still holds exactly the rows it was built from.

BM25 depends on the stored tokens only, not on the model, so every model's indexes of one data
directory share the saved files (``<index dir>/lexical``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np
from sqlalchemy.orm import Session

from index import store
from index.lexical import LexicalIndex, token_digest
from models import IndexName

__all__ = ["LexicalChannel"]

log = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]


class LexicalChannel:
    """The current ``LexicalIndex`` of one index, and how it follows SQL.

    ``mutating`` is the owner's write lock (which also forgets cached retrievals): the current
    index is only replaced inside it.
    """

    def __init__(
        self,
        name: IndexName,
        root: Path,
        *,
        sync_max_docs: int,
        mutating: Callable[[], AbstractContextManager[None]],
    ) -> None:
        self.name = name
        self.root = root
        self.current = LexicalIndex(np.zeros(0, dtype=np.int64), [])
        self.stale = False  # SQL changed since ``current`` was built
        self._sync_max = sync_max_docs
        self._mutating = mutating
        self._rebuilding = False
        self._saved: str | None = None  # digest of the BM25 index last saved

    def refresh(self, session_factory: SessionFactory, docs: int) -> None:
        """Rebuild now when the index holds at most ``sync_max_docs`` documents; in a
        background thread when larger."""
        if docs <= self._sync_max:
            self.rebuild(session_factory)
        elif not self._rebuilding:
            self._rebuilding = True
            threading.Thread(target=self.rebuild, args=(session_factory,), daemon=True).start()

    def rebuild(self, session_factory: SessionFactory) -> None:
        """Build BM25 from SQL's stored tokens and make it current."""
        self.stale = False
        try:
            with session_factory() as session:
                lexical = LexicalIndex.from_token_strings(store.token_rows(session, self.name))
            with self._mutating():
                self.current = lexical
        finally:
            self._rebuilding = False

    def open(self, session_factory: SessionFactory) -> None:
        """Load the saved BM25 index when its files match their checksums and SQL holds exactly
        the rows it was built from, in the same order (one streamed pass over the tokens, no
        building); otherwise build it."""
        try:
            lexical = LexicalIndex.load(self.root, str(self.name))
        except (OSError, ValueError, KeyError, EOFError) as exc:
            log.warning("%s: saved BM25 index not usable (%s); rebuilding", self.name, exc)
            lexical = None
        if lexical is not None and self._matches_sql(session_factory, lexical):
            with self._mutating():
                self.current = lexical
                self.stale = False
            self._saved = lexical.digest
            return
        self.rebuild(session_factory)

    def _matches_sql(self, session_factory: SessionFactory, lexical: LexicalIndex) -> bool:
        ids: list[int] = []

        def rows() -> Iterator[tuple[int, str]]:
            for doc_id, tokens in store.token_rows(session, self.name):
                ids.append(doc_id)
                yield doc_id, tokens

        with session_factory() as session:
            if store.count_documents(session, self.name) != lexical.size:
                return False
            digest = token_digest(rows())
        same_rows = digest == (lexical.digest, lexical.size)
        return same_rows and np.array_equal(lexical.ids, np.array(ids, dtype=np.int64))

    def save(self) -> None:
        """Save the current index unless it is stale or already saved."""
        lexical = self.current
        if self.stale or lexical.digest is None or lexical.digest == self._saved:
            return
        try:
            lexical.save(self.root, str(self.name))
        except OSError as exc:  # e.g. another process sharing this data dir cleaned up first
            log.warning("%s: BM25 index not saved (%s); it is rebuilt on the next start", self.name, exc)
            return
        self._saved = lexical.digest
