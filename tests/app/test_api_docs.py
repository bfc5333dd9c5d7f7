"""/docs without the internet: Swagger UI's files come from this server, the page names no
other host, and its policy allows exactly its one inline script."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.testclient import TestClient


def test_docs_reference_no_external_host(anon_client: TestClient) -> None:
    page = anon_client.get("/docs").text
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls == [
        "/docs/assets/swagger-ui.css",
        "/docs/assets/favicon-32x32.png",
        "/docs/assets/swagger-ui-bundle.js",
    ]
    assert "//" not in re.sub(r"<!--.*?-->", "", page).replace("url: '/openapi.json'", "")
    assert '"validatorUrl": null' in page  # no badge fetched from validator.swagger.io


def test_the_assets_are_served(anon_client: TestClient) -> None:
    js = anon_client.get("/docs/assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and js.headers["content-type"].startswith(
        ("text/javascript", "application/javascript")
    )
    assert "SwaggerUIBundle" in js.text and len(js.content) > 1_000_000
    css = anon_client.get("/docs/assets/swagger-ui.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert anon_client.get("/docs/assets/favicon-32x32.png").headers["content-type"] == "image/png"
    assert anon_client.get("/redoc").status_code == 404  # not served: it would need a CDN


def test_the_policy_allows_the_inline_script_by_its_hash_and_only_on_docs(anon_client: TestClient) -> None:
    response = anon_client.get("/docs")
    script = re.findall(r"<script>(.*?)</script>", response.text, flags=re.S)
    assert len(script) == 1
    digest = base64.b64encode(hashlib.sha256(script[0].encode()).digest()).decode()
    csp = response.headers["content-security-policy"]
    assert f"script-src 'self' 'sha256-{digest}';" in csp
    assert "unsafe" not in csp and "http" not in csp
    asset_csp = anon_client.get("/docs/assets/swagger-ui.css").headers["content-security-policy"]
    assert "sha256" not in asset_csp and "script-src 'self';" in asset_csp
