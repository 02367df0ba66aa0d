"""The instructors' page of the judge service: one row per graded assignment, a release button only
where solutions are not released, and every name escaped."""

from __future__ import annotations

from autograder.service.page import Row, instructor_page


def test_the_page_offers_to_release_only_what_is_not_released() -> None:
    rows = [Row("ex1_convolution_relu", "2026-12-10 09:00", ""), Row("ex3_sliding_window", "", "2026-12-01 10:00 UTC")]
    html = instructor_page(rows, '<input type="hidden" name="_xsrf" value="x">')
    assert html.count("<form") == 1 and "Release solutions of ex1_convolution_relu" in html
    assert "Released 2026-12-01 10:00 UTC" in html and "not set" in html
    assert html.count('name="_xsrf"') == 1


def test_names_are_escaped() -> None:
    html = instructor_page([Row("<script>x</script>", "", "")], "")
    assert "<script>x" not in html and "&lt;script&gt;x" in html
