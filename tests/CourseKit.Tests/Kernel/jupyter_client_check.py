"""Drives the CourseKit kernel with Debian's real Jupyter client (jupyter_client's BlockingKernelClient).

Used by JupyterClientInteropTests. Prints one JSON object of observations; the C# test asserts on them.

  connect <connection-file>   a kernel already running (the test runs it in-process with a fake session)
  manager <kernel-name>       a kernel the KernelManager starts from its kernelspec (JUPYTER_PATH), real C#
"""
import json
import queue
import sys
import time

from jupyter_client import BlockingKernelClient
from jupyter_client.manager import KernelManager
from jupyter_client.utils import run_sync


def run(client, code, timeout=120):
    """Executes code; returns (reply content, iopub messages of that request)."""
    outputs = []
    reply = client.execute_interactive(code, timeout=timeout, output_hook=outputs.append, allow_stdin=False)
    return reply["content"], [{"msg_type": m["msg_type"], "content": m["content"]} for m in outputs]


def reply_to(client, msg_id, timeout=30):
    """The shell reply to msg_id (other replies are skipped)."""
    while True:
        reply = client.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def stream_text(outputs):
    return "".join(o["content"]["text"] for o in outputs if o["msg_type"] == "stream")


def connect(connection_file):
    seen = {}
    client = BlockingKernelClient(connection_file=connection_file)
    client.load_connection_file()
    client.start_channels()
    client.wait_for_ready(timeout=30)

    info = client.kernel_info(reply=True, timeout=10)["content"]
    seen["protocol_version"] = info["protocol_version"]
    seen["language"] = info["language_info"]["name"]

    reply, outputs = run(client, "print hello from jupyter_client")
    seen["execute_status"] = reply["status"]
    seen["execution_count"] = reply["execution_count"]
    seen["stream"] = stream_text(outputs)

    reply, outputs = run(client, "display 2")
    seen["display_types"] = [o["msg_type"] for o in outputs if o["msg_type"] != "status"]

    reply, outputs = run(client, "throw from python")
    seen["error_reply"] = [reply["status"], reply.get("ename"), reply.get("evalue")]

    seen["is_complete"] = reply_to(client, client.is_complete("for (int i = 0; i < 3; i++) {"))["content"]["status"]
    seen["complete"] = client.complete("Math.Sq", reply=True, timeout=60)["content"]["matches"]

    # Interrupt as JupyterLab does with interrupt_mode "message": an interrupt_request on the control channel.
    msg_id = client.execute("loop")
    time.sleep(0.5)
    client.control_channel.send(client.session.msg("interrupt_request", {}))
    interrupt = run_sync(client.control_channel.get_msg)(timeout=10)
    seen["interrupt_reply"] = interrupt["msg_type"]
    reply = reply_to(client, msg_id)
    seen["interrupted_status"] = reply["content"]["status"]

    # A second client with the wrong key: its request must be ignored.
    forger = BlockingKernelClient(connection_file=connection_file)
    forger.load_connection_file()
    forger.session.key = b"not-the-key"
    forger.start_channels()
    forger.execute("print forged")
    try:
        forger.get_shell_msg(timeout=2)
        seen["forged_reply"] = True
    except queue.Empty:
        seen["forged_reply"] = False
    forger.stop_channels()

    reply, outputs = run(client, "print still alive")
    seen["after"] = stream_text(outputs)
    client.stop_channels()
    return seen


def manager(kernel_name):
    seen = {}
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    client = km.blocking_client()
    client.start_channels()
    client.wait_for_ready(timeout=120)
    try:
        reply, outputs = run(client, "var answer = 6 * 7;\nanswer")
        seen["result"] = [o["content"]["data"]["text/plain"] for o in outputs if o["msg_type"] == "execute_result"]
        reply, outputs = run(client, 'Console.WriteLine($"sqrt {Math.Sqrt(answer * answer)}");')
        seen["stream"] = stream_text(outputs)
        km.restart_kernel(now=False)
        client.wait_for_ready(timeout=120)
        reply, outputs = run(client, "answer")
        seen["after_restart"] = [reply["status"], reply.get("ename")]
    finally:
        client.stop_channels()
        km.shutdown_kernel(now=False)
    seen["alive_after_shutdown"] = km.is_alive()
    return seen


if __name__ == "__main__":
    mode, argument = sys.argv[1], sys.argv[2]
    print(json.dumps(connect(argument) if mode == "connect" else manager(argument)))
