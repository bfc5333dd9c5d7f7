"""Domain tables: stations, postdocs and their publications, enterprises and challenges."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import JSON, Date, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped

__all__ = [
    "ACTIVE_ENGAGEMENT_STATUSES",
    "ALLOWED_TRANSITIONS",
    "Availability",
    "Challenge",
    "ChallengeStatus",
    "Engagement",
    "Enterprise",
    "Language",
    "Postdoc",
    "Publication",
    "Sector",
    "Station",
    "StationKind",
    "str_enum",
]


def str_enum(cls: type[enum.Enum]) -> Enum:
    """Enums are stored as their string values (portable across SQLite and PostgreSQL)."""
    return Enum(
        cls,
        native_enum=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class StationKind(enum.StrEnum):
    mobile = "mobile"  # 博士后科研流动站 (universities, institutes)
    workstation = "workstation"  # 博士后科研工作站 (enterprises)
    innovation_base = "innovation_base"  # 博士后创新实践基地


class Availability(enum.StrEnum):
    available = "available"
    limited = "limited"
    unavailable = "unavailable"


class Sector(enum.StrEnum):
    electronics = "electronics"  # 电子信息
    high_end_equipment = "high_end_equipment"  # 高端装备
    biomedicine = "biomedicine"  # 生物医药
    artificial_intelligence = "artificial_intelligence"  # 人工智能
    green_energy = "green_energy"  # 绿色能源 / 新能源
    marine = "marine"  # 海洋产业
    new_materials = "new_materials"  # 新材料
    intelligent_manufacturing = "intelligent_manufacturing"  # 智能制造
    other = "other"


class Language(enum.StrEnum):
    zh = "zh"
    en = "en"
    mixed = "mixed"


class ChallengeStatus(enum.StrEnum):
    draft = "draft"
    open = "open"
    matched = "matched"
    claimed = "claimed"
    in_progress = "in_progress"
    solved = "solved"
    closed = "closed"


# draft → open → matched → claimed → in progress → solved / closed; closing is allowed from
# any live state, and a matched list can be reopened when the enterprise rejects it.
ALLOWED_TRANSITIONS: dict[ChallengeStatus, frozenset[ChallengeStatus]] = {
    ChallengeStatus.draft: frozenset({ChallengeStatus.open, ChallengeStatus.closed}),
    ChallengeStatus.open: frozenset(
        {ChallengeStatus.matched, ChallengeStatus.claimed, ChallengeStatus.closed}
    ),
    ChallengeStatus.matched: frozenset(
        {ChallengeStatus.open, ChallengeStatus.claimed, ChallengeStatus.closed}
    ),
    ChallengeStatus.claimed: frozenset({ChallengeStatus.in_progress, ChallengeStatus.closed}),
    ChallengeStatus.in_progress: frozenset({ChallengeStatus.solved, ChallengeStatus.closed}),
    ChallengeStatus.solved: frozenset(),
    ChallengeStatus.closed: frozenset(),
}


class Station(Timestamped, Base):
    """A postdoc station: 流动站 / 工作站 / 创新实践基地."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[StationKind] = mapped_column(str_enum(StationKind))
    host_institution: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(50), index=True)

    postdocs: Mapped[list[Postdoc]] = relationship(back_populates="station")


class Postdoc(Timestamped, Base):
    __tablename__ = "postdocs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"), index=True)
    discipline: Mapped[str] = mapped_column(String(100), index=True)
    research_interests: Mapped[str] = mapped_column(Text)
    skills: Mapped[list[str]] = mapped_column(JSON, default=list)
    languages: Mapped[list[str]] = mapped_column(JSON, default=list)
    availability: Mapped[Availability] = mapped_column(
        str_enum(Availability), default=Availability.available, index=True
    )
    max_concurrent_challenges: Mapped[int] = mapped_column(Integer, default=2)
    # A postdoc employed by an enterprise (e.g. at its workstation) is never proposed for its calls.
    employer_enterprise_id: Mapped[int | None] = mapped_column(
        ForeignKey("enterprises.id", ondelete="SET NULL"), index=True
    )

    station: Mapped[Station | None] = relationship(back_populates="postdocs")
    publications: Mapped[list[Publication]] = relationship(
        back_populates="postdoc",
        cascade="all, delete-orphan",
        order_by="Publication.id",
    )


class Publication(Base):
    __tablename__ = "publications"

    id: Mapped[int] = mapped_column(primary_key=True)
    postdoc_id: Mapped[int] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(500))
    abstract: Mapped[str] = mapped_column(Text, default="")
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    year: Mapped[int | None] = mapped_column(Integer)
    venue: Mapped[str | None] = mapped_column(String(300))

    postdoc: Mapped[Postdoc] = relationship(back_populates="publications")


class Enterprise(Timestamped, Base):
    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    industry: Mapped[str] = mapped_column(String(100))
    city: Mapped[str] = mapped_column(String(50), index=True)

    challenges: Mapped[list[Challenge]] = relationship(back_populates="enterprise")


class Challenge(Timestamped, Base):
    """A technical problem posted by an enterprise (企业难题 / 揭榜题目)."""

    __tablename__ = "challenges"
    __table_args__ = (UniqueConstraint("enterprise_id", "title"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    required_expertise: Mapped[list[str]] = mapped_column(JSON, default=list)
    sector: Mapped[Sector] = mapped_column(str_enum(Sector), index=True)
    budget_cny: Mapped[int | None] = mapped_column(Integer)
    deadline: Mapped[date | None] = mapped_column(Date)
    contact: Mapped[str] = mapped_column(String(200), default="", server_default="")
    language: Mapped[Language] = mapped_column(str_enum(Language))
    status: Mapped[ChallengeStatus] = mapped_column(
        str_enum(ChallengeStatus), default=ChallengeStatus.draft, index=True
    )

    enterprise: Mapped[Enterprise] = relationship(back_populates="challenges")


# An engagement counts against ``max_concurrent_challenges`` while its challenge is in one of these.
ACTIVE_ENGAGEMENT_STATUSES = (ChallengeStatus.claimed, ChallengeStatus.in_progress)


class Engagement(Timestamped, Base):
    """A postdoc working on a challenge (a member of the team that took it)."""

    __tablename__ = "engagements"
    __table_args__ = (UniqueConstraint("challenge_id", "postdoc_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"))
    postdoc_id: Mapped[int] = mapped_column(ForeignKey("postdocs.id", ondelete="CASCADE"), index=True)
