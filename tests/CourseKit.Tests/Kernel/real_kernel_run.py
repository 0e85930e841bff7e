"""Executes one notebook through Jupyter's own client (nbclient) with the kernel named on the command line, in the
notebook's folder (as VS Code and Jupyter start a kernel), and prints a JSON summary of what came out.

usage: real_kernel_run.py NOTEBOOK EXECUTED_COPY KERNEL_NAME CELL_TIMEOUT_SECONDS SUMMARY_JSON
(the summary goes to a file: the kernel's own log lines share this process's stdout)
"""
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient


def main():
    source, executed, kernel, cell_timeout, summary = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
    nb = nbformat.read(source, as_version=4)
    folder = os.path.dirname(os.path.abspath(source))
    client = NotebookClient(nb, kernel_name=kernel, timeout=cell_timeout, allow_errors=True, startup_timeout=300,
                            resources={"metadata": {"path": folder}})
    started = time.monotonic()
    client.execute()
    seconds = time.monotonic() - started
    nbformat.write(nb, executed)
    errors, streams, mimes = [], [], {}
    for index, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        for output in cell.outputs:
            kind = output.output_type
            if kind == "error":
                errors.append({"cell": index, "ename": output.ename, "evalue": output.evalue[:2000]})
            elif kind == "stream":
                streams.append({"cell": index, "name": output.name, "text": output.text})
            else:
                for mime in output.get("data", {}):
                    mimes[mime] = mimes.get(mime, 0) + 1
    with open(summary, "w", encoding="utf-8") as f:
        json.dump({"seconds": seconds, "errors": errors, "streams": streams, "mimes": mimes}, f)


if __name__ == "__main__":
    main()
