"""Text to scores: bilingual tokeniser, encoders, BM25, FAISS vector index, sync with SQL.

Import from the modules themselves (``index.search_index``, ``index.text`` …); the package
re-exports nothing.
"""

__all__: list[str] = []
