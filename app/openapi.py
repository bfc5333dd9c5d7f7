"""The OpenAPI document, made to say what the API does: the error bodies the handlers send
(``detail`` is a string), the error statuses each operation can answer, and the page bounds of
this process's settings (``PageParams`` checks them at run time)."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from app.config import Settings

__all__ = ["ErrorBody", "FieldError", "ValidationErrorBody", "install"]

METHODS = ("get", "post", "put", "patch", "delete")
REF = "#/components/schemas/{model}"


class ErrorBody(BaseModel):
    """Every error answer: a readable message; ``field`` names the input it is about."""

    detail: str
    field: str | None = None


class FieldError(BaseModel):
    field: str
    message: str


class ValidationErrorBody(ErrorBody):
    """422: input the schema or a domain rule refused; ``errors`` lists each schema problem."""

    errors: list[FieldError] | None = None


ERRORS = {
    "400": ("the request body could not be read (not UTF-8 JSON, or a broken form)", ErrorBody),
    "401": ("no valid session or API key", ErrorBody),
    "403": ("the caller's role may not do this (or a missing CSRF token)", ErrorBody),
    "404": ("no such object, or one the caller may not see", ErrorBody),
    "409": ("a conflict: a duplicate unique field, an object in use, a status change not allowed", ErrorBody),
    "413": ("the request body is over the configured cap", ErrorBody),
    "422": ("invalid input", ValidationErrorBody),
}


def install(app: FastAPI, settings: Settings) -> None:
    """Replace ``app.openapi`` with one that documents errors and the real page bounds."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, description=app.description, routes=app.routes
            )
            _add_components(schema)
            for path, item in schema["paths"].items():
                for method in METHODS:
                    if method in item:
                        _document(path, method, item[method], settings)
            for unused in ("HTTPValidationError", "ValidationError"):
                schema["components"]["schemas"].pop(unused, None)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _add_components(schema: dict[str, Any]) -> None:
    _, defs = models_json_schema(
        [(m, "serialization") for m in (ErrorBody, ValidationErrorBody)], ref_template=REF
    )
    schema.setdefault("components", {}).setdefault("schemas", {}).update(defs["$defs"])


def _document(path: str, method: str, op: dict[str, Any], settings: Settings) -> None:
    codes = ["422"] if op.get("parameters") or "requestBody" in op else []
    if path != "/health":
        codes += ["401", "403"]
    if "{" in path:
        codes.append("404")
    if method != "get" or "{" in path:  # a GET on an object can find it in the wrong state
        codes.append("409")
    if "requestBody" in op:
        codes += ["400", "413"]
    for code in sorted(codes):
        description, model = ERRORS[code]
        op["responses"][code] = {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=model.__name__)}}},
        }
    for param in op.get("parameters", []):
        if param["in"] == "query" and param["name"] in ("limit", "offset"):
            top = settings.max_page_size if param["name"] == "limit" else settings.max_offset
            param["schema"]["maximum"] = top
            what = "page size" if param["name"] == "limit" else "rows to skip"
            param["description"] = f"{what}, at most {top}"
