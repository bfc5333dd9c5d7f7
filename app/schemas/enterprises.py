from __future__ import annotations

from datetime import datetime

from pydantic import field_validator

from app.schemas.common import InputModel, Line, PublicModel
from app.validators import credit_code_problem, normalize_credit_code

__all__ = ["EnterpriseCreate", "EnterprisePublic", "EnterpriseRef", "EnterpriseUpdate"]


def _credit_code(value: str) -> str:
    code = normalize_credit_code(value)
    problem = credit_code_problem(code)
    if problem:
        raise ValueError(problem)
    return code


class EnterpriseCreate(InputModel):
    name: Line(200)  # type: ignore[valid-type]
    credit_code: Line(30)  # type: ignore[valid-type]
    industry: Line(100)  # type: ignore[valid-type]
    city: Line(50)  # type: ignore[valid-type]

    _check_code = field_validator("credit_code")(_credit_code)


class EnterpriseUpdate(InputModel):
    name: Line(200) | None = None  # type: ignore[valid-type]
    credit_code: Line(30) | None = None  # type: ignore[valid-type]
    industry: Line(100) | None = None  # type: ignore[valid-type]
    city: Line(50) | None = None  # type: ignore[valid-type]

    @field_validator("credit_code")
    @classmethod
    def _check_code(cls, value: str | None) -> str | None:
        return None if value is None else _credit_code(value)


class EnterprisePublic(PublicModel):
    id: int
    name: str
    credit_code: str
    industry: str
    city: str
    created_at: datetime
    updated_at: datetime


class EnterpriseRef(PublicModel):
    id: int
    name: str
    city: str
