"""A change that adjusts several controls redraws once."""

import pytest

from autograder.widgets.redraw import Redraw


def make() -> tuple[Redraw, list[int]]:
    draws: list[int] = []
    return Redraw(lambda: draws.append(1)), draws


def test_request_draws_at_once() -> None:
    redraw, draws = make()
    redraw.request({"new": 1})
    assert len(draws) == 1


def test_nested_batches_and_requests_draw_once_at_the_end() -> None:
    redraw, draws = make()
    with redraw.batch():
        redraw.request()
        with redraw.batch():
            assert redraw.busy
        assert draws == []
    assert len(draws) == 1 and not redraw.busy


def test_a_failed_adjustment_leaves_it_usable() -> None:
    redraw, draws = make()
    with pytest.raises(RuntimeError), redraw.batch():
        raise RuntimeError("boom")
    assert not redraw.busy
    redraw.request()
    assert len(draws) == 1
