"""Text to scores: bilingual tokeniser, encoders, BM25, FAISS vector index, sync with SQL."""
