"""The command line: one JSON line on stdout, then serve until SIGTERM, exit 0."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from arm_testkit import ARM, SUB_PROD, TENANT_CONTOSO, USER, ArmClient

from jitdesk.emulator.cli import main


class _Running:
    """Just enough of an Emulator for ArmClient: a port and a CA bundle."""

    def __init__(self, line: dict[str, object]) -> None:
        self.ca_bundle = str(line["ca_bundle"])
        self.port = int(str(line["url"]).rsplit(":", 1)[1])


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM cannot be delivered politely")
def test_the_cli_prints_one_json_line_serves_and_stops_on_sigterm() -> None:
    command = [sys.executable, "-m", "jitdesk.emulator", "--port", "0", "--page-size", "3"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        try:
            line = json.loads(process.stdout.readline())
            client = ArmClient(_Running(line))  # type: ignore[arg-type]
            vms = client.pages(
                f"/subscriptions/{SUB_PROD}/providers/Microsoft.Compute/virtualMachines?{ARM}"
            )
            client.close()

            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=10)
            rest, errors = process.stdout.read(), process.stderr.read()
        finally:
            if process.poll() is None:
                process.kill()

    assert code == 0, errors
    assert str(line["url"]).startswith("https://127.0.0.1:")
    assert line["pid"] == process.pid
    assert line["home_tenant_id"] == TENANT_CONTOSO
    assert line["user"] == USER
    assert line["gates"] == 0  # only with --gates
    assert len(vms) == 5 and all(len(p.body["value"]) <= 3 for p in vms)
    assert rest == ""
    assert not Path(str(line["ca_bundle"])).exists()


def test_bad_arguments_exit_2_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "seed.json"
    broken.write_text("{}", encoding="utf-8")

    assert main(["--seed", str(broken)]) == 2
    assert "missing key 'user'" in capsys.readouterr().err
    assert main(["--host", "192.168.1.10"]) == 2
    assert "127.0.0.0/8" in capsys.readouterr().err
    assert main(["--page-size", "0"]) == 2
    assert main(["--initiate-delay", "-1"]) == 2
    assert "--initiate-delay" in capsys.readouterr().err
    assert main(["--port", "not-a-number"]) == 2
    assert capsys.readouterr().out == ""


def test_two_quick_termination_signals_still_stop_the_emulator() -> None:
    """``timeout`` and process-group kills deliver SIGTERM twice within microseconds."""
    import signal
    import subprocess
    import sys

    for _ in range(5):
        process = subprocess.Popen(
            [sys.executable, "-m", "jitdesk.emulator", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("{")
        process.send_signal(signal.SIGTERM)
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_impossible_options_name_the_option() -> None:
    import io
    from contextlib import redirect_stderr

    from jitdesk.emulator.cli import main

    for args, expected in (
        (["--port", "70000"], "--port must be between 0 and 65535"),
        (["--page-size", "0"], "--page-size must be at least 1"),
        (["--latency", "nan"], "--latency must be 0 or more seconds"),
    ):
        err = io.StringIO()
        with redirect_stderr(err):
            assert main(args) == 2
        assert expected in err.getvalue()
