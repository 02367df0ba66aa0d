"""The judge service's only state: every check and hint use, and which solutions are released.

Assignments are recorded by their English names (a translation's checks and hints count for
the assignment). Kept in a real database through SQLAlchemy (SQLite by default, PostgreSQL or another server for
several replicas of the service), so the service itself keeps nothing between requests and the
record outlives a restart of the service and of the hub. ``autograder release-solutions`` and
``autograder grade`` (hint deductions) open the same record.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    pass


class Asked:
    """Who asked about which question, and when: what a check and a hint use share."""

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user: Mapped[str] = mapped_column(String(64), index=True)
    assignment: Mapped[str] = mapped_column(String(128), index=True)
    label: Mapped[str] = mapped_column(String(32))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now, index=True)


class Check(Asked, Base):
    """One ``check()`` a student made, and what the judge said."""

    __tablename__ = "checks"
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)


class HintUse(Asked, Base):
    """One hint a student was shown."""

    __tablename__ = "hint_uses"
    number: Mapped[int] = mapped_column(Integer)


class Release(Base):
    """An assignment whose solutions the instructor has released (its English name: translations follow)."""

    __tablename__ = "releases"
    assignment: Mapped[str] = mapped_column(String(128), primary_key=True)
    by: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=now)


class Record:
    """The service's database: one per class, shared by every replica of the service."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url, pool_pre_ping=True)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def session(self) -> Session:
        return self._session()

    def add_check(self, user: str, assignment: str, label: str, status: str, reason: str) -> None:
        with self.session() as session, session.begin():
            session.add(Check(user=user, assignment=assignment, label=label, status=status, reason=reason))

    def checks_since(self, user: str, since: dt.datetime) -> list[dt.datetime]:
        """When ``user`` checked since ``since``, oldest first (what the rate limit counts)."""
        query = select(Check.at).where(Check.user == user, Check.at >= since).order_by(Check.at)
        with self.session() as session:
            return [_aware(at) for at in session.scalars(query)]

    def add_hint(self, user: str, assignment: str, label: str, number: int) -> None:
        with self.session() as session, session.begin():
            session.add(HintUse(user=user, assignment=assignment, label=label, number=number))

    def hints_seen(self, assignment: str) -> dict[str, dict[str, set[int]]]:
        """Per student, per question label of ``assignment``: the numbers of the hints they were
        shown (each once, however often)."""
        query = select(HintUse.user, HintUse.label, HintUse.number).where(HintUse.assignment == assignment)
        seen: dict[str, dict[str, set[int]]] = {}
        with self.session() as session:
            for user, label, number in session.execute(query.distinct()):
                seen.setdefault(user, {}).setdefault(label, set()).add(number)
        return seen

    def release(self, assignment: str, by: str) -> dt.datetime:
        """Release ``assignment``'s solutions (again is harmless: the first release stands)."""
        with self.session() as session, session.begin():
            existing = session.get(Release, assignment)
            if existing is not None:
                return _aware(existing.at)
            release = Release(assignment=assignment, by=by, at=now())
            session.add(release)
        return release.at

    def released(self, assignment: str) -> dt.datetime | None:
        """When ``assignment``'s solutions were released, or None."""
        with self.session() as session:
            release = session.get(Release, assignment)
            return None if release is None else _aware(release.at)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives back naive times; every time here is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
