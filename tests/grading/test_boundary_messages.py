"""Messages a real sandboxed kernel sends the worker are bounded before the worker holds them.

Each attack is sent from inside a kernel under bubblewrap with pages the kernel never touches
(an anonymous ``mmap`` sent without copying), so the kernel's own memory limit never sees it; the
worker's resident memory is sampled meanwhile. Without the frame limit, three 1 GiB displays took
this worker from 140 to 2,120 MB; without the watchdog's budget, one 2 GiB multipart message of
32 MiB frames took it to 2,188 MB and left it there.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import psutil
import pytest
from test_bounds_sandbox import execute
from test_sandbox import SPEC

from autograder.grading.worker.bundle import Limits
from autograder.grading.worker.message_limits import CUT_OFF, MAX_CONTAINERS, MAX_FRAME_BYTES
from autograder.grading.worker.pool import SandboxPool
from autograder.grading.worker.watchdog import MB

pytestmark = [pytest.mark.notebook, pytest.mark.slow]

UNTOUCHED = "import mmap, time, zmq\nkernel = get_ipython().kernel\npages = memoryview(mmap.mmap(-1, {size}))\n"
DISPLAYS = UNTOUCHED.format(size=1 << 30) + (
    "for _ in range(3):\n"
    "    kernel.session.send(kernel.iopub_thread.socket, 'display_data', {'data': {}, 'metadata': {}},\n"
    "                        parent=kernel.get_parent('shell'), buffers=[pages])\n"
    "print('sent')"
)
FRAMES = 24
MULTIPART = UNTOUCHED.format(size=32 << 20) + (
    "socket = kernel.iopub_thread.socket\n"
    "socket.send(b'frames', zmq.SNDMORE)\n"
    f"for _ in range({FRAMES}):\n"
    "    socket.send(pages, zmq.SNDMORE, copy=False)\n"
    "socket.send(b'end')\n"
    "time.sleep(60)  # no reply, so no wait for its outputs: only the worker's budget stops it"
)
BUDGET_MB = 256  # the multipart message is three times as large
SLACK_MB = 200  # what the worker may grow by for an honest notebook, sampling delay included


@pytest.fixture(scope="module")
def pool() -> Iterator[SandboxPool]:
    sandboxes = SandboxPool()
    yield sandboxes
    sandboxes.close()


class PeakMemory:
    """The worker's own resident memory, sampled every 10 ms while in use, in MB."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.before = self.peak = self.after = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self.before = self.peak = self.process.memory_info().rss / MB
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.after = self.process.memory_info().rss / MB

    def _sample(self) -> None:
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, self.process.memory_info().rss / MB)


def test_gigabyte_displays_backed_by_untouched_pages_are_refused_before_the_worker_holds_them(
    pool: SandboxPool,
) -> None:
    with pool.sandbox(SPEC) as sandbox:
        execute(sandbox, Limits(timeout=60), "print('warm')")  # the worker's first kernel costs memory once
        started = time.monotonic()
        with PeakMemory() as memory:
            executed, executor = execute(sandbox, Limits(timeout=60), "print('before')", DISPLAYS, "print('after')")
        seconds = time.monotonic() - started
        following, _ = execute(sandbox, Limits(timeout=60), "print('next')")
    assert memory.peak - memory.before < SLACK_MB, (memory.before, memory.peak)
    assert executor.failure == f"{CUT_OFF} (iopub channel)"
    before, attack, after = (cell.outputs for cell in executed.cells)
    assert before[0].text == "before\n"
    assert attack[-1].ename == "GradingStopped" and CUT_OFF in attack[-1].evalue
    assert after == []  # not run
    assert seconds < 20  # cut off at once, not waited for until the 60 s limit
    assert following.cells[0].outputs[0].text == "next\n"


def test_a_multipart_message_of_many_frames_under_the_limit_is_dropped_past_the_workers_budget(
    pool: SandboxPool,
) -> None:
    limits = Limits(timeout=60, messages_mb=BUDGET_MB)
    with pool.sandbox(SPEC) as sandbox:
        execute(sandbox, limits, "print('warm')")
        with PeakMemory() as memory:
            executed, executor = execute(sandbox, limits, "print('before')", MULTIPART, "print('after')")
        following, _ = execute(sandbox, limits, "print('next')")
    assert FRAMES * 32 >= 3 * BUDGET_MB
    assert memory.peak - memory.before < BUDGET_MB + SLACK_MB, (memory.before, memory.peak)
    assert memory.after - memory.before < SLACK_MB / 2  # the partial message died with its sender
    assert executor.failure == f"made the grader hold more than {BUDGET_MB} MB of its messages"
    assert executed.cells[1].outputs[-1].ename == "GradingStopped"
    assert executed.cells[2].outputs == []
    assert following.cells[0].outputs[0].text == "next\n"


def test_an_output_just_under_the_frame_limit_is_still_only_cut(pool: SandboxPool) -> None:
    size = MAX_FRAME_BYTES - 1_000_000  # the image's JSON, in the content frame
    with pool.sandbox(SPEC) as sandbox, PeakMemory() as memory:
        executed, executor = execute(
            sandbox,
            Limits(timeout=60),
            f"from IPython.display import display\ndisplay({{'image/png': 'A' * {size}}}, raw=True)",
            "print('after')",
        )
    assert executor.failure == ""
    assert "removed: image/png" in executed.cells[0].outputs[0].data["text/plain"]
    assert executed.cells[1].outputs[0].text == "after\n"
    assert memory.peak - memory.before < 8 * MAX_FRAME_BYTES / MB  # the frame, its copies while decoded


def test_a_kernel_that_closes_its_end_is_cut_off_at_once_not_waited_for(pool: SandboxPool) -> None:
    with pool.sandbox(SPEC) as sandbox:
        started = time.monotonic()
        executed, executor = execute(
            sandbox, Limits(timeout=60), "get_ipython().kernel.shell_stream.socket.close(linger=0)", "print('after')"
        )
        seconds = time.monotonic() - started
        following, _ = execute(sandbox, Limits(timeout=60), "print('next')")
    assert executor.failure == f"{CUT_OFF} (shell channel)"
    assert executed.cells[1].outputs == []
    assert seconds < 20  # without the socket's watch: no reply, waited for until the 60 s limit
    assert following.cells[0].outputs[0].text == "next\n"


def test_a_message_part_costly_to_parse_is_refused_before_it_is_parsed(pool: SandboxPool) -> None:
    # 12 MB of empty lists, well under the frame limit: parsed, about 30 times that in the worker
    costly = "from IPython.display import display\ndisplay({'application/json': [[]] * 3_000_000}, raw=True)"
    with pool.sandbox(SPEC) as sandbox:
        execute(sandbox, Limits(timeout=60), "print('warm')")
        with PeakMemory() as memory:
            executed, executor = execute(sandbox, Limits(timeout=60), "print('before')", costly, "print('after')")
        following, _ = execute(sandbox, Limits(timeout=60), "print('next')")
    assert memory.peak - memory.before < SLACK_MB, (memory.before, memory.peak)
    assert f"more than {MAX_CONTAINERS:,} arrays and objects" in executor.failure, executor.failure
    assert executed.cells[0].outputs[0].text == "before\n"
    assert executed.cells[2].outputs == []  # not run
    assert following.cells[0].outputs[0].text == "next\n"
