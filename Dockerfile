# CPU image: builds and serves Jiebang with the bundled offline model. It runs in production
# (JIEBANG_ENV=prod) and will not start without a session secret:
#   docker build -t jiebang .
#   docker run -p 8000:8000 -v jiebang-var:/app/var -e JIEBANG_SECRET_KEY="$(jiebang generate-secret)" \
#       -e JIEBANG_DATABASE_URL=postgresql+psycopg://... jiebang
# The demo (dev mode: public session key, demo accounts with a published password) only when
# asked for, on your own machine:
#   docker run -p 127.0.0.1:8000:8000 -e JIEBANG_ENV=dev jiebang jiebang demo --host 0.0.0.0
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    HF_HUB_OFFLINE=1 JIEBANG_DATA_DIR=/app/var JIEBANG_ENV=prod
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
CMD ["jiebang", "serve", "--host", "0.0.0.0", "--port", "8000"]
