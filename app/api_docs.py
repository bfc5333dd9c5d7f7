"""The interactive API docs at ``/docs``: Swagger UI served from the ``swagger-ui-bundle-v2``
wheel's files under ``/docs/assets``, so the page works on an intranet with no internet.

FastAPI's page starts Swagger UI with one inline script; the policy for ``/docs``
(``DOCS_CSP``, applied by app/headers.py) allows exactly that script, by its sha256, and
nothing from another host. ReDoc is not served (it would need its own bundle).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import swagger_ui_bundle
from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

__all__ = ["ASSETS", "DOCS_CSP", "DOCS_URL", "docs_page", "install"]

DOCS_URL = "/docs"
ASSETS = f"{DOCS_URL}/assets"
_FILES = Path(swagger_ui_bundle.swagger_ui_path)
# No validator badge: Swagger UI would fetch it from validator.swagger.io.
_PARAMETERS = {"validatorUrl": None}


def docs_page(title: str) -> HTMLResponse:
    """Swagger UI for /openapi.json, every file from this server."""
    return get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{title} – API",
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        swagger_ui_parameters=_PARAMETERS,
    )


def _script_hashes(html: str) -> str:
    scripts = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    digests = (base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in scripts)
    return " ".join(f"'sha256-{d}'" for d in digests)


# The inline script does not depend on the title, so one hash serves every app.
DOCS_CSP = (
    f"default-src 'self'; script-src 'self' {_script_hashes(bytes(docs_page('').body).decode())}; "
    "style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def install(app: FastAPI) -> None:
    """Serve /docs and its assets (build the app with ``docs_url=None, redoc_url=None``)."""
    app.mount(ASSETS, StaticFiles(directory=_FILES), name="swagger-ui")

    @app.get(DOCS_URL, include_in_schema=False)
    def docs() -> HTMLResponse:
        return docs_page(app.title)
