"""Shared field types: bounded, control-character-free text; pages."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from app.validators import control_character_problem


def _single_line(value: str) -> str:
    problem = control_character_problem(value, multiline=False)
    if problem:
        raise ValueError(problem)
    return value


def _multi_line(value: str) -> str:
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
        AfterValidator(_multi_line),
    ]


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
