"""The judge service's only state: every check and hint use, and which solutions are released.

Assignments are recorded by their English names (a translation's checks and hints count for
the assignment). Kept in a real database through SQLAlchemy (SQLite by default, PostgreSQL or another server for
several replicas of the service), so the service itself keeps nothing between requests and the
record outlives a restart of the service and of the hub. ``autograder release-solutions`` and
``autograder grade`` (hint deductions) open the same record.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column, sessionmaker

from autograder.i18n import ENGLISH
from autograder.service.class_view import Attempt


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


class Reason(Base):
    """A wrong check's reason in one of the course's languages, so that instructors read every
    student's diagnosis in their own language and see the same slip as one, whatever the student's
    language (rendered after the student has their verdict)."""

    __tablename__ = "check_reasons"
    check_id: Mapped[int] = mapped_column(ForeignKey("checks.id"), primary_key=True)
    language: Mapped[str] = mapped_column(String(16), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


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

    def add_check(self, user: str, assignment: str, label: str, status: str, reason: str) -> int:
        """Record a check; its id (for `add_reasons`)."""
        with self.session() as session, session.begin():
            check = Check(user=user, assignment=assignment, label=label, status=status, reason=reason)
            session.add(check)
            session.flush()
            return check.id

    def add_reasons(self, check_id: int, reasons: dict[str, str]) -> None:
        """A check's reason in each language it was rendered in."""
        with self.session() as session, session.begin():
            session.add_all(Reason(check_id=check_id, language=code, text=text) for code, text in reasons.items())

    def attempts(self, assignment: str, reader: str, user: str | None = None) -> list[Attempt]:
        """Every check of ``assignment`` (``user``'s alone if given), oldest first, its reason in the
        ``reader``'s language."""
        shown, key = aliased(Reason), aliased(Reason)
        query = (
            select(Check.user, Check.label, Check.status, Check.reason, Check.at, shown.text, key.text)
            .outerjoin(shown, (shown.check_id == Check.id) & (shown.language == reader))
            .outerjoin(key, (key.check_id == Check.id) & (key.language == ENGLISH))
            .where(Check.assignment == assignment, *([Check.user == user] if user is not None else []))
            .order_by(Check.at, Check.id)
        )
        with self.session() as session:
            return [
                Attempt(user, label, status, shown_text or reason, key_text or reason, _aware(at))
                for user, label, status, reason, at, shown_text, key_text in session.execute(query)
            ]

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

    def hint_uses(self, assignment: str) -> dict[tuple[str, str], int]:
        """Per (student, question label) of ``assignment``: how many distinct hints they were shown."""
        return {
            (user, label): len(numbers)
            for user, labels in self.hints_seen(assignment).items()
            for label, numbers in labels.items()
        }

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
