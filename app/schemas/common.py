"""Shared field types: bounded ids, bounded control-character-free text; pages."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from app.validators import control_character_problem

__all__ = [
    "MAX_ID",
    "BoundedId",
    "Id",
    "IdFilter",
    "IdList",
    "InputModel",
    "Line",
    "Note",
    "Page",
    "Paragraph",
    "PublicModel",
    "QueryText",
    "Term",
    "TermList",
    "multi_line_text",
    "whole_number",
]

# The narrower of the two databases' id columns (PostgreSQL INTEGER; SQLite holds 2^63 - 1), so
# an id out of range is a 422 here and never an overflow in the driver.
MAX_ID = 2**31 - 1


def whole_number(value: object) -> object:
    """An id as given, when it is an int or ASCII digits: lax int parsing would take 1.0, True,
    "1.0", "+1", " 1" and "1_0" as ids."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return value
    raise ValueError("an id is a whole number written with digits only")


# Constraints inside, the digits check outside: so the JSON schema says minimum / maximum.
BoundedId = Annotated[int, Field(ge=1, le=MAX_ID)]
Id = Annotated[BoundedId, BeforeValidator(whole_number), Field(description="database id")]


# An optional id in a query string (a filter).
IdFilter = Annotated[BoundedId | None, BeforeValidator(whole_number), Query(description="database id")]


def IdList(max_length: int, min_length: int = 0) -> type[list[int]]:
    """A list of ids, at most ``max_length`` of them."""
    return Annotated[list[Id], Field(min_length=min_length, max_length=max_length)]  # type: ignore[return-value]


def _single_line(value: str) -> str:
    problem = control_character_problem(value, multiline=False)
    if problem:
        raise ValueError(problem)
    return value


def multi_line_text(value: str) -> str:
    """The text, when it holds no control characters but newlines and tabs."""
    problem = control_character_problem(value, multiline=True)
    if problem:
        raise ValueError(problem)
    return value


def Line(max_length: int) -> type[str]:
    """A required single-line string: stripped, 1…``max_length`` chars, no control chars."""
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_single_line),
    ]


def Paragraph(max_length: int) -> type[str]:
    """A required multi-line text (newlines and tabs allowed, other control chars refused)."""
    return Annotated[  # type: ignore[return-value]
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(multi_line_text),
    ]


def _optional_single_line(value: str | None) -> str | None:
    return None if value is None else _single_line(value)


def QueryText(max_length: int) -> type[str | None]:
    """An optional query-string filter: at most ``max_length`` chars, no control chars (a NUL
    would reach PostgreSQL, which refuses it with a 500)."""
    return Annotated[  # type: ignore[return-value]
        str | None, Query(max_length=max_length), AfterValidator(_optional_single_line)
    ]


# Free text that may be empty (a note on a decision): multi-line, no other control characters.
Note = Annotated[str, Field(max_length=1000), AfterValidator(multi_line_text)]

Term = Line(100)
TermList = Annotated[list[Term], Field(max_length=50)]  # type: ignore[valid-type]


class InputModel(BaseModel):
    """Every request body refuses unknown fields."""

    model_config = ConfigDict(extra="forbid")


class PublicModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    limit: int
    offset: int
