"""Launchers: the argument lists per OS and client, detection order, the user's templates,
and that no host, user name or VM name can change the command."""

from __future__ import annotations

import logging
import shlex

import pytest

from jitdesk.launch.errors import BadTemplate, NoClient
from jitdesk.launch.launchers import (
    CUSTOM,
    PLACEHOLDERS,
    Launcher,
    available_launchers,
    builtin_launchers,
    check_template,
    choose_launcher,
    custom_launcher,
    parse_template,
    plan,
)
from jitdesk.launch.targets import ConnectTarget, UnsafeValue

WINDOWS, MAC, LINUX = "win32", "darwin", "linux"


def which_of(*names):
    """A fake shutil.which that finds exactly ``names``."""
    found = set(names)
    return lambda name: f"/opt/bin/{name}" if name in found else None


def no_apps(name):
    return False


def rdp(user=None, host="203.0.113.10", port=3389, vm="vm-win-01"):
    return ConnectTarget(host, port, user, vm, "rdp")


def ssh(user="azureuser", host="203.0.113.20", port=22, vm="vm-lin-01"):
    return ConnectTarget(host, port, user, vm, "ssh")


def launch(target, tmp_path, platform, *programs, app=no_apps, **options):
    launcher = choose_launcher(
        target, which=which_of(*programs), platform=platform, app_installed=app, **options
    )
    return launcher, plan(target, launcher, tmp_path / "rdp")


# --- Windows ------------------------------------------------------------------------------------


def test_windows_rdp_without_user_name_uses_mstsc_v_and_no_file(tmp_path):
    launcher, made = launch(rdp(), tmp_path, WINDOWS, "mstsc.exe")

    assert launcher.name == "mstsc"
    assert made.argv == ["mstsc.exe", "/v:203.0.113.10:3389"]
    assert made.rdp_file is None
    assert made.new_console is False
    assert not (tmp_path / "rdp").exists()


def test_windows_rdp_with_user_name_uses_an_rdp_file(tmp_path):
    launcher, made = launch(rdp(user="CONTOSO\\alice"), tmp_path, WINDOWS, "mstsc.exe")

    assert launcher.name == "mstsc"
    assert made.rdp_file is not None
    assert made.rdp_file.parent == tmp_path / "rdp"
    assert made.argv == ["mstsc.exe", str(made.rdp_file)]
    assert b"username:s:CONTOSO\\alice\r\n" in made.rdp_file.read_bytes()


def test_windows_ssh_prefers_windows_terminal(tmp_path):
    launcher, made = launch(ssh(), tmp_path, WINDOWS, "wt.exe", "ssh.exe")

    assert launcher.name == "windows-terminal"
    assert made.argv == [
        "wt.exe",
        "new-tab",
        "--title",
        "vm-lin-01",
        "ssh",
        "-p",
        "22",
        "azureuser@203.0.113.20",
    ]
    assert made.new_console is False


def test_windows_ssh_without_windows_terminal_gets_its_own_console(tmp_path):
    launcher, made = launch(ssh(user=None), tmp_path, WINDOWS, "ssh.exe")

    assert launcher.name == "console"
    assert made.argv == ["ssh.exe", "-p", "22", "203.0.113.20"]
    assert made.new_console is True
    assert made.argv[0] != "cmd.exe"


def test_windows_terminal_alone_is_no_ssh_client(tmp_path):
    with pytest.raises(NoClient, match="No SSH client"):
        launch(ssh(), tmp_path, WINDOWS, "wt.exe")


# --- macOS --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("apps", "name", "head"),
    [
        ({"Windows App", "Microsoft Remote Desktop"}, "windows-app", ["open", "-a", "Windows App"]),
        (
            {"Microsoft Remote Desktop"},
            "microsoft-remote-desktop",
            ["open", "-a", "Microsoft Remote Desktop"],
        ),
        (set(), "open", ["open"]),
    ],
)
def test_macos_rdp_opens_an_rdp_file_with_the_windows_app(tmp_path, apps, name, head):
    launcher, made = launch(rdp(user="alice"), tmp_path, MAC, "open", app=apps.__contains__)

    assert launcher.name == name
    assert made.rdp_file is not None
    assert made.argv == [*head, str(made.rdp_file)]


def test_macos_ssh_passes_ssh_to_terminal_as_script_arguments(tmp_path):
    target = ssh(vm='vm"; do shell script "id')
    launcher, made = launch(target, tmp_path, MAC, "osascript", "ssh")

    assert launcher.name == "terminal"
    assert made.argv[0] == "osascript"
    assert made.argv[-4:] == ["ssh", "-p", "22", "azureuser@203.0.113.20"]
    script = made.argv[1:-4]
    assert script[0::2] == ["-e"] * (len(script) // 2)
    assert "on run argv" in script
    assert any("quoted form of" in line for line in script)
    assert not any("203.0.113.20" in line or "azureuser" in line for line in script)
    assert not any("do shell script" in argument for argument in made.argv)


# --- Linux --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("installed", "argv"),
    [
        (
            ("xfreerdp", "xfreerdp3", "wlfreerdp", "remmina"),
            ["xfreerdp", "/v:203.0.113.10:3389", "/u:azureuser", "/cert:tofu"],
        ),
        (
            ("xfreerdp3", "wlfreerdp", "remmina"),
            ["xfreerdp3", "/v:203.0.113.10:3389", "/u:azureuser", "/cert:tofu"],
        ),
        (
            ("wlfreerdp", "remmina"),
            ["wlfreerdp", "/v:203.0.113.10:3389", "/u:azureuser", "/cert:tofu"],
        ),
        (("remmina",), ["remmina", "-c", "rdp://azureuser@203.0.113.10:3389"]),
    ],
)
def test_linux_rdp_clients_in_order(tmp_path, installed, argv):
    launcher, made = launch(rdp(user="azureuser"), tmp_path, LINUX, *installed)

    assert launcher.name == argv[0]
    assert made.argv == argv
    assert made.rdp_file is None


def test_linux_rdp_without_user_name_leaves_the_user_argument_out(tmp_path):
    _, made = launch(rdp(), tmp_path, LINUX, "xfreerdp")
    _, remmina = launch(rdp(), tmp_path, LINUX, "remmina")

    assert made.argv == ["xfreerdp", "/v:203.0.113.10:3389", "/cert:tofu"]
    assert remmina.argv == ["remmina", "-c", "rdp://203.0.113.10:3389"]


@pytest.mark.parametrize(
    ("installed", "head"),
    [
        (
            ("x-terminal-emulator", "gnome-terminal", "konsole", "xterm"),
            ["x-terminal-emulator", "-e"],
        ),
        (("gnome-terminal", "konsole", "xterm"), ["gnome-terminal", "--"]),
        (("konsole", "xterm"), ["konsole", "-e"]),
        (("xterm",), ["xterm", "-e"]),
    ],
)
def test_linux_ssh_terminals_in_order(tmp_path, installed, head):
    launcher, made = launch(ssh(), tmp_path, LINUX, *installed, "ssh")

    assert launcher.name == head[0]
    assert made.argv == [*head, "ssh", "-p", "22", "azureuser@203.0.113.20"]
    assert made.new_console is False


def test_a_terminal_without_ssh_is_no_ssh_client(tmp_path):
    with pytest.raises(NoClient) as caught:
        launch(ssh(), tmp_path, LINUX, "xterm", "xfreerdp")

    message = str(caught.value)
    assert "No SSH client" in message
    assert "x-terminal-emulator, gnome-terminal, konsole, xterm" in message
    assert "settings" in message


def test_ipv6_hosts_are_bracketed_where_a_port_follows(tmp_path):
    _, rdp_plan = launch(rdp(host="2001:db8::10"), tmp_path, LINUX, "xfreerdp")
    _, ssh_plan = launch(ssh(host="2001:db8::20"), tmp_path, LINUX, "xterm", "ssh")

    assert rdp_plan.argv[1] == "/v:[2001:db8::10]:3389"
    assert ssh_plan.argv[-3:] == ["-p", "22", "azureuser@2001:db8::20"]


# --- choice -------------------------------------------------------------------------------------


def test_the_vm_s_preferred_client_wins_when_installed(tmp_path, caplog):
    installed = ("xfreerdp", "remmina")

    chosen, _ = launch(rdp(), tmp_path, LINUX, *installed, client="remmina")
    with caplog.at_level(logging.WARNING):
        fallback, _ = launch(rdp(), tmp_path, LINUX, *installed, client="wlfreerdp")

    assert chosen.name == "remmina"
    assert fallback.name == "xfreerdp"
    assert "wlfreerdp" in caplog.text


def test_available_launchers_lists_installed_clients_in_order():
    found = available_launchers(
        "rdp", which=which_of("remmina", "xfreerdp3"), platform=LINUX, app_installed=no_apps
    )

    assert [launcher.name for launcher in found] == ["xfreerdp3", "remmina"]
    assert available_launchers("rdp", which=which_of(), platform="freebsd14") == ()


def test_builtin_launchers_are_consistent_templates():
    for platform in (WINDOWS, MAC, LINUX):
        for protocol in ("rdp", "ssh"):
            launchers = builtin_launchers(protocol, platform) + builtin_launchers(
                protocol, platform, with_user=True
            )
            assert launchers, (platform, protocol)
            for launcher in launchers:
                assert check_template(launcher.argv) == launcher.argv
                assert launcher.protocol == protocol
                assert launcher.needs_rdp_file == any("{rdp_file}" in a for a in launcher.argv)
                assert len(launcher.platforms) == 1


# --- the firewall case --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "programs", "protocol", "expected"),
    [
        (LINUX, ("xfreerdp",), "rdp", ["xfreerdp", "/v:20.50.1.9:53389", "/cert:tofu"]),
        (WINDOWS, ("mstsc.exe",), "rdp", ["mstsc.exe", "/v:20.50.1.9:53389"]),
        (LINUX, ("xterm", "ssh"), "ssh", ["xterm", "-e", "ssh", "-p", "50022", "20.50.1.9"]),
        (WINDOWS, ("ssh.exe",), "ssh", ["ssh.exe", "-p", "50022", "20.50.1.9"]),
    ],
)
def test_behind_a_firewall_the_client_gets_its_address_and_the_mapped_port(
    tmp_path, platform, programs, protocol, expected
):
    mapped = 53389 if protocol == "rdp" else 50022
    target = ConnectTarget("20.50.1.9", mapped, None, "vm-behind-fw", protocol)

    _, made = launch(target, tmp_path, platform, *programs)

    assert made.argv == expected


# --- hostile values -----------------------------------------------------------------------------


HOSTILE_USERS = [
    "x; rm -rf ~",
    "-oProxyCommand=evil",
    "a\nb",
    "a\r\nalternate shell:s:cmd.exe",
    "$(id)",
    "`id`",
    "x' -o 'ProxyCommand=evil",
    "u;new-tab cmd",
]
HOSTILE_HOSTS = ["-o ProxyCommand=x", "-oProxyCommand=x", "h;new-tab", "h\nx", "h x", "$(id)"]


@pytest.mark.parametrize("user", HOSTILE_USERS)
def test_hostile_user_names_never_reach_a_command(user):
    for protocol in ("rdp", "ssh"):
        with pytest.raises(UnsafeValue, match="user name"):
            ConnectTarget("203.0.113.10", 22, user, "vm", protocol)


@pytest.mark.parametrize("host", HOSTILE_HOSTS)
def test_hostile_hosts_never_reach_a_command(host):
    with pytest.raises(UnsafeValue, match="host address"):
        ConnectTarget(host, 22, None, "vm", "ssh")


def _all_builtin():
    for platform in (WINDOWS, MAC, LINUX):
        for protocol in ("rdp", "ssh"):
            for with_user in (False, True):
                for launcher in builtin_launchers(protocol, platform, with_user):
                    yield pytest.param(launcher, with_user, id=f"{platform}-{launcher.name}")


@pytest.mark.parametrize(("launcher", "with_user"), list(_all_builtin()))
@pytest.mark.parametrize(
    "vm_name",
    [
        "../../etc/passwd",
        'vm"; new-tab cmd.exe /c calc; "',
        "--help",
        "vm\nfull address:s:evil:3389",
        "$(reboot) `id` & | > <",
    ],
)
def test_hostile_vm_names_do_not_change_the_command(tmp_path, launcher, with_user, vm_name):
    user = "CONTOSO\\alice" if with_user else None
    port = 3389 if launcher.protocol == "rdp" else 22
    plain = plan(
        ConnectTarget("2001:db8::7", port, user, "vm", launcher.protocol), launcher, tmp_path
    )

    made = plan(
        ConnectTarget("2001:db8::7", port, user, vm_name, launcher.protocol), launcher, tmp_path
    )

    may_differ = {str(made.rdp_file)}
    if "--title" in made.argv:
        may_differ.add(made.argv[made.argv.index("--title") + 1])
    assert len(made.argv) == len(plain.argv)
    for argument, plain_argument in zip(made.argv, plain.argv, strict=True):
        if argument != plain_argument:
            assert argument in may_differ
        assert argument.startswith("-") == plain_argument.startswith("-")
        assert ";" not in argument and "\n" not in argument
    if made.rdp_file is not None:
        assert made.rdp_file.parent == tmp_path
        assert made.rdp_file.name.endswith(".rdp")
        assert "\nfull address:s:evil" not in made.rdp_file.read_text(encoding="utf-8")


def test_a_value_that_slipped_past_the_checks_cannot_become_an_option(tmp_path):
    target = ssh(user=None)
    object.__setattr__(target, "host", "-oProxyCommand=evil")
    launcher = builtin_launchers("ssh", LINUX)[-1]

    with pytest.raises(UnsafeValue, match="option"):
        plan(target, launcher, tmp_path)


def test_every_value_stays_one_argument(tmp_path):
    launcher = custom_launcher(
        "ssh", '["prog", "a b {host}", "{{literal}}", "{user_at}{host}:{port}", "--t={title}"]'
    )

    made = plan(ssh(vm="my vm; x"), launcher, tmp_path)

    assert made.argv == [
        "prog",
        "a b 203.0.113.20",
        "{literal}",
        "azureuser@203.0.113.20:22",
        "--t=my vm x",
    ]
    assert shlex.split(made.display) == made.argv
    assert made.display == shlex.join(made.argv)


# --- the user's own templates -------------------------------------------------------------------


def test_a_template_in_the_settings_replaces_detection(tmp_path):
    template = '["my-rdp", "--server", "{host}", "--port={port}", "--user", "{user}", "{rdp_file}"]'

    launcher, made = launch(rdp(), tmp_path, LINUX, "xfreerdp", template=template)
    _, with_user = launch(rdp(user="alice"), tmp_path, LINUX, template=template)

    assert launcher.name == CUSTOM
    assert launcher.needs_rdp_file is True
    assert made.rdp_file is not None
    assert made.argv == [
        "my-rdp",
        "--server",
        "203.0.113.10",
        "--port=3389",
        "--user",
        str(made.rdp_file),
    ]
    assert with_user.argv[4:6] == ["--user", "alice"]


def test_a_windows_ssh_template_gets_a_console():
    template = '["plink.exe", "-P", "{port}", "{host}"]'

    assert custom_launcher("ssh", template, WINDOWS).new_console is True
    assert custom_launcher("ssh", template, LINUX).new_console is False
    assert custom_launcher("rdp", template, WINDOWS).new_console is False


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("xfreerdp /v:{host}", "not valid JSON"),
        ('{"argv": ["x", "{host}"]}', "not a list"),
        ("[]", "not a list"),
        ('["x", 1, "{host}"]', "not a list"),
        ('["{host}", "x"]', "program"),
        ('["", "{host}"]', "program"),
        ('["x", "{hostname}"]', "{hostname} is not a placeholder"),
        ('["x", "{host.__class__}"]', "not a placeholder"),
        ('["x", "{0}", "{host}"]', "not a placeholder"),
        ('["x", "{host:>20}"]', "not a placeholder"),
        ('["x", "{host!r}"]', "not a placeholder"),
        ('["x", "{host"]', "unmatched brace"),
        ('["x", "}{host}"]', "unmatched brace"),
        ('["x", "a\\nb", "{host}"]', "control character"),
        ('["x", "--fixed"]', "none of {host}"),
    ],
)
def test_bad_templates_are_refused_with_a_reason(text, reason):
    with pytest.raises(BadTemplate) as caught:
        parse_template(text)

    assert reason in str(caught.value)
    assert "JSON list of arguments" in str(caught.value)


def test_the_placeholders_are_the_documented_ones():
    assert {"host", "port", "address", "user", "user_at", "rdp_file", "title"} == PLACEHOLDERS


def test_a_plan_refuses_a_client_of_the_other_protocol(tmp_path):
    launcher = Launcher("x", "ssh", ("x", "{host}"))

    with pytest.raises(ValueError, match="ssh client"):
        plan(rdp(), launcher, tmp_path)
