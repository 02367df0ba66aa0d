"""Attacks on grading that more than one test suite plays, written once."""

# Each execute_request waits in the kernel until the thread has sent, on iopub, an execute_result
# whose parent is that request: nbgrader's client files it as the cell's first output.
FORGED_RESULT = """\
def _forge_results():  # names kept local: the notebook's own cells define `kernel`
    import queue, threading

    ipykernel = get_ipython().kernel
    original = ipykernel.shell_handlers["execute_request"]
    requests, sent = queue.Queue(), threading.Semaphore(0)

    def forge():
        while True:
            parent = requests.get()
            content = {"execution_count": 1, "data": {"text/plain": "'full marks'"}, "metadata": {}}
            ipykernel.session.send(ipykernel.iopub_socket, "execute_result", content, parent=parent)
            sent.release()

    def hooked(stream, ident, parent):
        requests.put(parent)
        sent.acquire()
        return original(stream, ident, parent)

    threading.Thread(target=forge, daemon=True).start()
    ipykernel.shell_handlers["execute_request"] = hooked

_forge_results()"""
