"""The judge service: answers the notebooks' checks, hints and solutions of a graded class.

Started by JupyterHub as a managed service (``c.JupyterHub.services``, see
`autograder.hub.jupyterhub_config`): ``python -m autograder.service --course DIR --database URL``.
Each check runs the same rule, in the same bounded judge processes, as ``autograder grade``
(`autograder.grading.judge.process.judge`), so a student reads in their notebook what practice
mode would say for the same answer, and the grade later agrees. The conversation's protocol is in
`autograder.service`.

Who asks comes from the hub: the notebook sends its server's hub token, the hub says whose it is
(`Identify`); a student acts only as themselves. Each student may check ``checks_per_minute``
times a minute (`autograder.settings.Autograder`), counted in the record so that replicas agree,
with one check at a time per student on each replica.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tornado import web, websocket

from autograder.core.evidence import MAX_BYTES, EvidenceError
from autograder.core.notes import hint_note, solution_notes
from autograder.core.render import Note
from autograder.exercises import load_questions, question_at
from autograder.grading.judge.calls import GradeCall
from autograder.grading.judge.process import judge, judge_pool
from autograder.i18n import (
    ENGLISH,
    LANGUAGES,
    _,
    assignment_language,
    base_assignment,
    current_language,
    language,
    ngettext,
    normalise,
    translated_assignment,
)
from autograder.service.class_view import ClassView, csv_text, recorded_view
from autograder.service.record import Record, now
from autograder.settings import course_settings, graded_assignments

ANSWER_SECONDS = 60.0
"""How long the notebook may take to answer one need (the student's function runs meanwhile)."""
REQUEST_BYTES = 4096
OPS = ("check", "hint", "solution", "release", "progress")
MAX_EXTRA_CASES = 20
"""The most randomized cases a notebook may ask for (a grade cell asks for a few)."""


@dataclass(frozen=True)
class User:
    """Who asks, as the hub knows them."""

    name: str
    instructor: bool = False


Identify = Callable[[str], Awaitable[User | None]]
"""Who holds a token (None: nobody the service serves)."""


def hub_user(model: dict[str, Any], instructors: frozenset[str]) -> User:
    """The hub's user model as the service sees it: an instructor if listed or the hub's admin."""
    name = str(model["name"])
    return User(name, instructor=name in instructors or bool(model.get("admin")))


def minute(moment: dt.datetime) -> str:
    """A due date or a release as people read it."""
    return moment.strftime("%Y-%m-%d %H:%M")


@dataclass
class Service:
    """What every conversation shares: the record, the hub's word on tokens, the class's settings."""

    record: Record
    identify: Identify
    checks_per_minute: int
    judges: asyncio.Semaphore
    course: Path | None = None
    graded: tuple[str, ...] = ()
    """The graded assignments (English names), whose progress a student may ask for."""
    checking: set[str] = field(default_factory=set)
    """Who has a check being judged on this replica (one at a time each)."""
    background: set[asyncio.Task[None]] = field(default_factory=set)
    """Work done after a reply (a wrong check's reason in the other languages)."""

    def wait_seconds(self, user: str) -> float:
        """How long ``user`` must wait before another check (0: go ahead)."""
        moment = now()
        recent = self.record.checks_since(user, moment - dt.timedelta(minutes=1))
        if len(recent) < self.checks_per_minute:
            return 0.0
        oldest = recent[-self.checks_per_minute]
        return max(0.0, 60.0 - (moment - oldest).total_seconds())

    def later(self, work: Awaitable[None]) -> None:
        task = asyncio.ensure_future(work)
        self.background.add(task)
        task.add_done_callback(self.background.discard)

    async def render_reasons(
        self, check_id: int, assignment: str, call: GradeCall, reason: str, answers: dict[str, str]
    ) -> None:
        """A wrong check's reason in every course language, judged again from the notebook's answers
        (the rule asks the same needs in the same order; a need not among them leaves that language out)."""

        async def replay(need: str) -> str:
            if need not in answers:
                raise EvidenceError("a need the first judging did not ask")
            return answers[need]

        reasons = {assignment_language(assignment): reason}
        for code in LANGUAGES:
            if code not in reasons:
                async with self.judges:
                    again = await judge(translated_assignment(base_assignment(assignment), code), call, replay)
                if again.status == "incorrect":
                    reasons[code] = again.reason
        await asyncio.to_thread(self.record.add_reasons, check_id, reasons)

    def class_view(self, assignment: str, reader: str, instructors: frozenset[str] = frozenset()) -> ClassView:
        """``assignment`` (English name) as its instructors see it, reasons in the ``reader``'s language;
        the instructors' own checks left out."""
        return recorded_view(
            self.record, assignment, reader, self.students(), keep=lambda user: user not in instructors
        )

    def progress(self, user: str) -> list[dict[str, Any]]:
        """``user``'s own standing on each graded question, in the current language (theirs alone)."""
        rows = []
        for assignment in self.graded:
            view = recorded_view(self.record, assignment, current_language(), [user], keep=user.__eq__, user=user)
            for label in view.labels:
                one = view.standing(user, label)
                rows.append(
                    {
                        "assignment": assignment,
                        "label": label,
                        "status": one.status,
                        "reason": one.reason,
                        "checks": one.checks,
                    }
                )
        return rows

    def students(self) -> list[str]:
        """The class list of nbgrader's gradebook (empty without one)."""
        with self.gradebook() as gradebook:
            return [] if gradebook is None else [student.id for student in gradebook.students]

    def due(self, assignment: str) -> dt.datetime | None:
        """The assignment's due date, as nbgrader's gradebook knows it."""
        from nbgrader.api import MissingEntry

        with self.gradebook() as gradebook:
            try:
                return None if gradebook is None else gradebook.find_assignment(base_assignment(assignment)).duedate
            except MissingEntry:
                return None

    @contextlib.contextmanager
    def gradebook(self) -> Iterator[Any]:
        """nbgrader's gradebook of the course (None without one)."""
        if self.course is None or not (self.course / "gradebook.db").is_file():
            yield None
            return
        from nbgrader.api import Gradebook

        with Gradebook(f"sqlite:///{self.course / 'gradebook.db'}") as gradebook:
            yield gradebook


class Conversation(websocket.WebSocketHandler):
    """One request from a notebook, and for a check, the rule's needs and the notebook's answers."""

    def initialize(self, service: Service) -> None:
        self.service = service
        self.user: User | None = None
        self.answers: asyncio.Queue[str] = asyncio.Queue()
        self.started = False

    async def get(self, *args: Any, **kwargs: Any) -> None:
        scheme, _space, token = self.request.headers.get("Authorization", "").partition(" ")
        self.user = await self.service.identify(token) if scheme.lower() == "token" and token else None
        if self.user is None:
            raise web.HTTPError(403, "the hub does not know this token")
        await super().get(*args, **kwargs)

    def on_message(self, message: str | bytes) -> None:
        if self.started:
            self.answers.put_nowait(message if isinstance(message, str) else message.decode("utf-8", "replace"))
            return
        self.started = True
        asyncio.ensure_future(self._serve(message))

    async def _serve(self, message: str | bytes) -> None:
        try:
            reply = await self._reply(_request(message))
        except ValueError as error:
            reply = {"refused": str(error)}
        with contextlib.suppress(websocket.WebSocketClosedError):
            await self.write_message(json.dumps(reply))
        self.close()

    async def _reply(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.user is not None
        assignment, label, op = request["assignment"], request["label"], request["op"]
        if op == "progress":
            with language(normalise(request.get("lang") or ENGLISH)):
                return {"progress": await asyncio.to_thread(self.service.progress, self.user.name)}
        with language(assignment_language(assignment)):
            if op == "release":
                return await self._release(self.user, assignment)
            if op == "check":
                call = GradeCall(label, request.get("extra_cases", 0), request.get("seed", 0))
                return await self._check(self.user.name, assignment, call)
            try:
                question = question_at(assignment, label)
            except LookupError as error:
                return {"refused": _("This question cannot be found: {error}.").format(error=error)}
            if op == "hint":
                number = request.get("n", 1)
                note, shown = hint_note(question, label, number)
                if shown:
                    record = self.service.record
                    base = base_assignment(assignment)
                    await asyncio.to_thread(record.add_hint, self.user.name, base, label, int(number))
                return {"notes": [_note(note)]}
            released = await asyncio.to_thread(self.service.record.released, base_assignment(assignment))
            if released is None:
                return {"notes": [_note(Note(label, _not_released(self.service.due(assignment))))]}
            return {"notes": [_note(note) for note in solution_notes(question, label)]}

    async def _release(self, user: User, assignment: str) -> dict[str, Any]:
        """An instructor releases an assignment's solutions (``autograder release-solutions``)."""
        if not user.instructor:
            return {"refused": _("Only the class's instructors may release solutions.")}
        released = await asyncio.to_thread(self.service.record.release, base_assignment(assignment), user.name)
        return {"released": released.isoformat()}

    async def _check(self, user: str, assignment: str, call: GradeCall) -> dict[str, Any]:
        service = self.service
        wait = await asyncio.to_thread(service.wait_seconds, user)
        if user in service.checking:  # tested after the wait above, right before this check is added
            return {"refused": _("Your previous check is still being judged: wait for its verdict first.")}
        if wait > 0:
            message = ngettext(
                "You have checked {count} time in the last minute: wait {seconds} s before the next check.",
                "You have checked {count} times in the last minute: wait {seconds} s before the next check.",
                service.checks_per_minute,
            ).format(count=service.checks_per_minute, seconds=max(1, round(wait)))
            return {"refused": message}
        service.checking.add(user)
        answers: dict[str, str] = {}

        async def fetch(need: str) -> str:
            answers[need] = await self._fetch(need)
            return answers[need]

        try:
            async with service.judges:
                verdict = await judge(assignment, call, fetch)
        finally:
            service.checking.discard(user)
        record, base = service.record, base_assignment(assignment)
        check_id = await asyncio.to_thread(record.add_check, user, base, call.label, verdict.status, verdict.reason)
        if verdict.status == "incorrect":
            service.later(service.render_reasons(check_id, assignment, call, verdict.reason, answers))
        return {"verdict": verdict.as_dict()}

    async def _fetch(self, need: str) -> str:
        """The notebook's answer to one need, as the judge reads a kernel's: a string literal."""
        try:
            await self.write_message(json.dumps({"need": need}))
            text = await asyncio.wait_for(self.answers.get(), ANSWER_SECONDS)
        except (websocket.WebSocketClosedError, asyncio.TimeoutError):
            raise EvidenceError(f"the notebook did not answer within {ANSWER_SECONDS:.0f} s") from None
        try:
            answer = json.loads(text)["answer"]
        except (ValueError, KeyError, TypeError):
            raise EvidenceError("the notebook's message is not an answer") from None
        if not isinstance(answer, str) or len(answer) > MAX_BYTES:
            raise EvidenceError("the notebook's answer is not text within the size limit")
        return repr(answer)


def _request(message: str | bytes) -> dict[str, Any]:
    if len(message) > REQUEST_BYTES:
        raise ValueError("request too long")
    try:
        request = json.loads(message)
    except ValueError:
        raise ValueError("the request is not JSON") from None
    if not isinstance(request, dict) or request.get("op") not in OPS:
        raise ValueError("the request names no check, hint, solution, release or progress")
    try:
        normalise(str(request.get("lang") or ENGLISH))
    except ValueError as error:
        raise ValueError(str(error)) from None
    if not all(isinstance(request.get(key), str) for key in ("assignment", "label")):
        raise ValueError("the request names no assignment and question")
    for key, most in (("extra_cases", MAX_EXTRA_CASES), ("seed", 2**32)):
        value = request.get(key, 0)
        if type(value) is not int or not 0 <= value <= most:
            raise ValueError(f"{key} must be a whole number from 0 to {most}")
    return request


def _note(note: Note) -> dict[str, Any]:
    return {"heading": note.heading, "body": note.body, "code": note.code}


def _not_released(due: dt.datetime | None) -> str:
    if due is None:
        return _("This assignment is graded: its solutions open when your instructor releases them.")
    return _(
        "This assignment is graded: its solutions open when your instructor releases them, after the due date ({due})."
    ).format(due=minute(due))


class Health(web.RequestHandler):
    def get(self) -> None:
        self.write({"ok": True})


def application(
    service: Service, prefix: str = "/", pages: list[Any] | None = None, **settings: Any
) -> web.Application:
    """The service's routes under ``prefix`` (the hub's ``/services/<name>/``), and ``pages`` for
    browsers (the hub's instructors' page, `hub_pages`)."""
    prefix = prefix.rstrip("/")
    routes: list[Any] = [
        (f"{prefix}/conversation", Conversation, {"service": service}),
        (f"{prefix}/health", Health),
    ]
    return web.Application(routes + (pages or []), **settings)


def hub_pages(service: Service, prefix: str, graded: tuple[str, ...], instructors: frozenset[str]) -> list[Any]:
    """The instructors' page, logged in through the hub (JupyterHub's `HubOAuthenticated`)."""
    from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated

    from autograder.service.page import Row, class_page, instructor_page

    class InstructorsOnly(HubOAuthenticated, web.RequestHandler):
        """Instructors only: students get 403, whoever they are."""

        def instructor(self) -> str:
            model = self.get_current_user()
            if not model or not hub_user(model, instructors).instructor:
                raise web.HTTPError(403, "only the class's instructors may open this page")
            return str(model["name"])

    class ClassPage(InstructorsOnly):
        """The live class view (``?assignment=``, ``?lang=``); ``class.csv`` gives its table."""

        def initialize(self, as_csv: bool = False) -> None:
            self.as_csv = as_csv

        @web.authenticated
        async def get(self) -> None:
            self.instructor()
            assignment = self.get_query_argument("assignment", graded[0] if graded else "")
            if assignment not in graded:
                raise web.HTTPError(404, "not a graded assignment")
            reader = reader_language(
                self.get_query_argument("lang", ""), self.request.headers.get("Accept-Language", "")
            )
            view = await asyncio.to_thread(service.class_view, assignment, reader, instructors)
            with language(reader):
                if self.as_csv:
                    self.set_header("Content-Type", "text/csv; charset=utf-8")
                    self.set_header("Content-Disposition", f'attachment; filename="{assignment}-class.csv"')
                    self.write(csv_text(view))
                else:
                    self.write(class_page(view, graded, reader, now().strftime("%H:%M:%S")))

    class InstructorPage(InstructorsOnly):
        @web.authenticated
        async def get(self) -> None:
            self.instructor()
            rows = []
            for assignment in graded:
                released = await asyncio.to_thread(service.record.released, assignment)
                due = service.due(assignment)
                rows.append(Row(assignment, minute(due) if due else "", f"{minute(released)} UTC" if released else ""))
            self.write(instructor_page(rows, self.xsrf_form_html()))

        @web.authenticated
        async def post(self) -> None:
            name = self.instructor()
            assignment = self.get_body_argument("assignment")
            if assignment not in graded:
                raise web.HTTPError(400, "not a graded assignment")
            await asyncio.to_thread(service.record.release, assignment, name)
            self.redirect(self.request.path)

    prefix = prefix.rstrip("/")
    return [
        (f"{prefix}/?", InstructorPage),
        (f"{prefix}/class", ClassPage),
        (f"{prefix}/class.csv", ClassPage, {"as_csv": True}),
        (f"{prefix}/oauth_callback", HubOAuthCallbackHandler),
    ]


def reader_language(asked: str, accept_language: str) -> str:
    """The page's language: the one asked for (``?lang=``), else the browser's best course language."""
    for code in [asked] + [part.split(";")[0] for part in accept_language.split(",")]:
        with contextlib.suppress(ValueError):
            return normalise(code)
    return ENGLISH


def hub_identify(instructors: frozenset[str]) -> Identify:
    """Tokens checked by the hub (JupyterHub's `HubAuth`; needs the hub's service environment): a
    user's token that may reach this service (``access:services!service=judge``)."""
    from jupyterhub.services.auth import HubAuth

    auth = HubAuth(cache_max_age=60)

    async def identify(token: str) -> User | None:
        model = await auth.user_for_token(token, sync=False)
        if not model or model.get("kind", "user") != "user" or not auth.check_scopes(auth.access_scopes, model):
            return None
        return hub_user(model, instructors)

    return identify


COOKIE_SECRET = "AUTOGRADER_JUDGE_COOKIE_SECRET"
"""Hex key that signs the instructors' page login; the same for every replica (random for one)."""


def cookie_secret() -> bytes:
    return bytes.fromhex(os.environ[COOKIE_SECRET]) if os.environ.get(COOKIE_SECRET) else os.urandom(32)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m autograder.service", description=__doc__.split("\n\n")[0])
    parser.add_argument("--course", type=Path, required=True, help="the nbgrader course directory")
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of the record")
    parser.add_argument("--instructors", default="", help="comma-separated user names")
    parser.add_argument("--judges", type=int, default=2, help="checks judged at once (one judge process each)")
    asyncio.run(serve(parser.parse_args(argv)))


async def serve(args: argparse.Namespace) -> None:
    """Listen where the hub says (``JUPYTERHUB_SERVICE_URL``) until stopped."""
    settings = course_settings(args.course)
    graded = tuple(graded_assignments(args.course))
    judge_pool().warm(graded)
    for assignment in graded:  # hints and solutions answer at once; judge processes load their own
        await asyncio.to_thread(load_questions, assignment)
    instructors = frozenset(filter(None, args.instructors.split(",")))
    service = Service(
        Record(args.database),
        hub_identify(instructors),
        settings.checks_per_minute,
        asyncio.Semaphore(args.judges),
        args.course,
        graded,
    )
    if "JUPYTERHUB_SERVICE_URL" not in os.environ:
        raise SystemExit("The judge service runs as a JupyterHub managed service (JUPYTERHUB_SERVICE_URL unset).")
    address = urlsplit(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    pages = hub_pages(service, prefix, graded, instructors)
    app = application(service, prefix, pages, cookie_secret=cookie_secret(), xsrf_cookies=True)
    app.listen(address.port or 80, address.hostname or "127.0.0.1")
    await asyncio.Event().wait()
