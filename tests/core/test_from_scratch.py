"""From-scratch questions: library functions are refused by reading the code and while it runs."""

import functools
import random
import sys
import textwrap

import pytest
import tensorflow as tf

from autograder.core import Status
from autograder.core.from_scratch import (
    FromScratchQuestion,
    LibraryFunctions,
    LibraryUsed,
    blocked,
    library_reference,
    run_without,
)

LIBRARY = "fake_filters_for_tests"
GROUP = (LibraryFunctions(LIBRARY, "fake", ("smooth", "sharpen")),)


@pytest.fixture
def fake_library(tmp_path, monkeypatch):
    """A tiny library on the path, not imported yet; removed from sys.modules afterwards."""
    (tmp_path / f"{LIBRARY}.py").write_text("def smooth(x):\n    return x\n\ndef sharpen(x):\n    return x\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    sys.modules.pop(LIBRARY, None)


@pytest.fixture
def loaded(fake_library):
    import importlib

    return importlib.import_module(LIBRARY)


def define(source, **extra):
    values = dict(extra)
    exec(textwrap.dedent(source), values)
    return values


def test_blocked_swaps_the_functions_and_always_restores_them(loaded):
    original = loaded.smooth
    with pytest.raises(RuntimeError), blocked(GROUP) as used:
        with pytest.raises(LibraryUsed):
            loaded.smooth(1)
        assert used == ["fake.smooth"]
        raise RuntimeError("student bug")
    assert loaded.smooth is original


def test_a_library_call_is_caught_even_when_the_student_catches_it(loaded):
    values = define(
        """
        def f(x):
            try:
                return lib.smooth(x)
            except Exception:
                return x
        """,
        lib=loaded,
    )
    with pytest.raises(LibraryUsed) as caught:
        run_without(GROUP, values["f"])(3)
    assert caught.value.name == "fake.smooth"
    assert run_without(GROUP, lambda x: x + 1)(3) == 4


def test_a_library_imported_inside_the_function_is_caught_on_its_first_call(fake_library):
    values = define(
        f"""
        def f(x):
            from {LIBRARY} import sharpen
            return sharpen(x)
        """
    )
    assert LIBRARY not in sys.modules
    with pytest.raises(LibraryUsed):
        run_without(GROUP, values["f"])(3)


@pytest.mark.parametrize(
    "source",
    [
        "from {lib} import smooth\ndef f(x):\n    return smooth(x)",
        "import {lib} as lib\ndef f(x):\n    return lib.smooth(x)",
        "import {lib} as lib\ndef helper(x):\n    return lib.sharpen(x)\ndef f(x):\n    return helper(x) + 1",
        "import {lib} as lib\ndef f(x, engine=lib.smooth):\n    return engine(x)",
        "import {lib} as lib\ndef make(g):\n    def f(x):\n        return g(x)\n    return f\nf = make(lib.smooth)",
        "import functools, {lib} as lib\nsmoothing = functools.partial(lib.smooth)\ndef f(x):\n    return smoothing(x)",
        "import {lib} as lib\ndef f(x):\n    return [lib.smooth(v) for v in x]",
    ],
)
def test_references_are_found_by_reading_the_code(loaded, source):
    values = define(source.format(lib=LIBRARY))
    assert library_reference(values["f"], GROUP) in ("fake.smooth", "fake.sharpen")


def test_look_alike_names_and_other_functions_are_not_references(loaded):
    values = define(
        """
        def smooth(x):
            return x * 2

        def f(x):
            return smooth(x) + lib.__name__.count("a")
        """,
        lib=loaded,
    )
    assert library_reference(values["f"], GROUP) is None
    assert library_reference(functools.partial(values["f"], 1), GROUP) is None
    assert library_reference(print, GROUP) is None


def test_a_traced_tf_function_is_read_through():
    group = (LibraryFunctions("tensorflow", "tf.nn", ("conv2d",), within="nn"),)
    values = define(
        """
        @tf.function
        def f(x, k):
            return tf.nn.conv2d(x, k, 1, "VALID")
        """,
        tf=tf,
    )
    values["f"](tf.ones((1, 3, 3, 1)), tf.ones((2, 2, 1, 1)))
    assert library_reference(values["f"], group) == "tf.nn.conv2d"


def test_groups_whose_library_is_not_loaded_are_skipped(fake_library):
    with blocked(GROUP) as used:
        pass
    assert used == [] and LIBRARY not in sys.modules


class Smoothed(FromScratchQuestion):
    var = "smoothed"
    library = GROUP
    purpose = "smoothing"
    fixed_cases = ((1,), (2,))

    def reference(self, x):
        return x

    def random_case(self, rng: random.Random):
        return (rng.randint(0, 9),)


def test_a_from_scratch_question_passes_own_code_and_names_the_library_call(loaded):
    assert Smoothed().evaluate({"smoothed": lambda x: x}).passed
    values = define("def smoothed(x):\n    return lib.smooth(x)", lib=loaded)
    result = Smoothed().evaluate(values)
    assert result.status is Status.INCORRECT
    assert result.message == (
        "`smoothed` uses `fake.smooth`, which does the smoothing for you. This question asks you to write it "
        "yourself with loops, slicing and arithmetic."
    )
    hidden = define("def smoothed(x):\n    return getattr(lib, 'smo' + 'oth')(x)", lib=loaded)
    assert "uses `fake.smooth`" in Smoothed().evaluate(hidden).message


@pytest.mark.parametrize(
    "source",
    [
        "KEPT = {{'smooth': lib.smooth}}\ndef f(x):\n    return KEPT['smooth'](x)",
        "KEPT = [[], ({{lib.sharpen}},)]\ndef f(x):\n    return KEPT",
        "class Tools:\n    pass\nTOOLS = Tools()\nTOOLS.run = lib.smooth\ndef f(x):\n    return TOOLS.run(x)",
        "class Tools:\n    run = staticmethod(lib.smooth)\ndef f(x):\n    return Tools.run(x)",
        "class Tools:\n    run = property(lambda self: lib.smooth)\ndef f(x):\n    return Tools().run(x)",
        "import functools\nKEPT = {{'p': functools.partial(lib.smooth)}}\ndef f(x):\n    return KEPT['p'](x)",
        "def make(kept):\n    return lambda x: kept['s'](x)\nf = make({{'s': lib.smooth}})",
        "import builtins\nbuiltins.PLANTED_FOR_TEST = lib.smooth\ndef f(x):\n    return PLANTED_FOR_TEST(x)",
        "KEPT = {{'s': lib.smooth}}\ndef f(x):\n    return globals()['KE' + 'PT']['s'](x)",
    ],
)
def test_references_are_found_inside_containers_and_objects(loaded, source):
    import builtins

    values = define(f"import {LIBRARY} as lib\n" + source.format())
    try:
        assert library_reference(values["f"], GROUP) in ("fake.smooth", "fake.sharpen")
    finally:
        vars(builtins).pop("PLANTED_FOR_TEST", None)


@pytest.mark.parametrize(
    "structure",
    [
        "HUGE = [0] * 2_000_000 + [lib.smooth]",  # long: MOST_ITEMS read per container
        "HUGE = functools.reduce(lambda inner, _: [inner], range(100_000), [lib.smooth])",  # deep: DEEPEST steps
        "HUGE = [[[0] * 100 for _ in range(100)] for _ in range(100)]\nHUGE[-1][-1][-1] = lib.smooth",  # wide
    ],
)
def test_a_huge_structure_costs_the_reference_scan_little(loaded, structure):
    import time

    values = define(f"import functools\n{structure}\ndef f(x):\n    return HUGE", lib=loaded)
    started = time.perf_counter()
    assert library_reference(values["f"], GROUP) is None  # too far to see: the run-time watch remains
    assert time.perf_counter() - started < 1.0
