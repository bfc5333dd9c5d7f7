# CPU image: builds and serves Jiebang with the bundled offline model.
#   docker build -t jiebang .
#   docker run -p 8000:8000 -v jiebang-var:/app/var jiebang            # demo data, then serve
#   docker run -p 8000:8000 -e JIEBANG_DATABASE_URL=postgresql+psycopg://... jiebang jiebang serve --host 0.0.0.0
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 JIEBANG_DATA_DIR=/app/var
WORKDIR /app

# CPU-only torch from the PyTorch index (the default PyPI wheel pulls CUDA).
RUN pip install --index-url https://download.pytorch.org/whl/cpu "torch>=2.1"

COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY models ./models
COPY index ./index
COPY migrations ./migrations
COPY data ./data
COPY scripts ./scripts
RUN pip install -e . && python -c "from index.text import tokenize; tokenize(\"预热 jieba\")"

RUN useradd --create-home jiebang && mkdir -p /app/var && chown jiebang /app/var
USER jiebang
EXPOSE 8000
CMD ["jiebang", "demo", "--host", "0.0.0.0", "--port", "8000"]
