"""The judge service's record on SQLite and on a PostgreSQL server: checks, hint uses and releases,
kept across a restart (a new `Record` on the same database)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres import postgres_server

from autograder.service.record import Record, now


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'judge.sqlite'}"
    else:
        with postgres_server() as server:
            yield server


def test_what_the_service_records_outlives_a_restart(url: str) -> None:
    record = Record(url)
    started = now()
    record.add_check("ana", "ex1_convolution_relu", "q_1", "incorrect", "The weights add up to 10, not 0.")
    record.add_check("ana", "ex1_convolution_relu", "q_1", "correct", "")
    record.add_check("ben", "ex1_convolution_relu", "q_2", "correct", "")
    for number in (1, 2, 1):
        record.add_hint("ana", "ex1_convolution_relu", "q_1", number)
    first = record.release("ex1_convolution_relu", "ida")
    record.engine.dispose()

    again = Record(url)  # the service restarted
    assert len(again.checks_since("ana", started - dt.timedelta(seconds=1))) == 2
    assert again.checks_since("ana", now() + dt.timedelta(seconds=1)) == []
    assert again.hints_seen("ex1_convolution_relu")["ana"]["q_1"] == {1, 2}
    assert again.hints_seen("ex2_maximum_pooling") == {}
    assert again.released("ex1_convolution_relu") == first
    assert again.release("ex1_convolution_relu", "someone else") == first  # the first release stands
    assert again.released("ex4_from_scratch") is None
