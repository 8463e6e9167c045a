"""RDP and SSH clients as templates of arguments, the built-in ones per OS, and launch plans.

A launcher is a list of arguments with placeholders, substituted one argument at a time:

- ``{host}``: the host (IP address or DNS name); ``{port}``: the port;
- ``{address}``: ``host:port``, with an IPv6 address in brackets (``[2001:db8::1]:3389``);
- ``{user}``: the user name; an argument that uses it is left out when there is none;
- ``{user_at}``: ``user@``, or nothing when there is no user name;
- ``{rdp_file}``: the path of an .rdp file written for this connection;
- ``{title}``: a window title made from the VM's name.

Nothing is ever joined into one string and split again, and no shell is involved, so a value
can never become two arguments. Host and user name are checked by :class:`ConnectTarget`
(no leading ``-``, no spaces, ``;``, quotes or line breaks), so no value becomes an option or
splits a Windows Terminal command line either.

The user can replace the built-in choice per protocol in the settings (``launch.rdp_command``,
``launch.ssh_command``): a JSON list such as ``["xfreerdp", "/v:{address}", "/u:{user}"]``.
"""

from __future__ import annotations

import json
import logging
import shlex
import shutil
import string
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from jitdesk.domain.text import QT_TRANSLATE_NOOP, Text
from jitdesk.launch.errors import BadTemplate, C, NoClient, UnsafeValue
from jitdesk.launch.rdp_file import write_rdp_file
from jitdesk.launch.targets import ConnectTarget, safe_title

logger = logging.getLogger(__name__)

PLACEHOLDERS = frozenset({"host", "port", "address", "user", "user_at", "rdp_file", "title"})
SETTING_KEYS = {"rdp": "launch.rdp_command", "ssh": "launch.ssh_command"}
"""The settings that hold the user's own template for each protocol ("" = automatic)."""

CUSTOM = "custom"
"""The name of the launcher made from the user's template in the settings."""

WINDOWS, MACOS, LINUX = "windows", "macos", "linux"

_TARGET_FIELDS = frozenset({"host", "address", "rdp_file"})
_LONGEST_TEMPLATE = 4000


@dataclass(frozen=True)
class Launcher:
    """A client: its name, protocol ("rdp" or "ssh"), argument template (program first),
    whether it reads an .rdp file, the OS families it is built in for ("windows", "macos",
    "linux"; empty for the user's own template) and, on Windows, whether it is a console
    program that needs a console window of its own."""

    name: str
    protocol: str
    argv: tuple[str, ...]
    needs_rdp_file: bool = False
    platforms: frozenset[str] = frozenset()
    new_console: bool = False


@dataclass(frozen=True)
class LaunchPlan:
    """What to start: the argument list (program first), the .rdp file written for it if any,
    whether it needs a console window of its own (Windows), and the command line as a person
    would read it (``shlex.join``), for ``--print-only`` and the log."""

    argv: list[str]
    rdp_file: Path | None
    new_console: bool
    display: str


def os_family(platform: str) -> str:
    """``"windows"``, ``"macos"`` or ``"linux"`` (every other Unix) for a ``sys.platform``."""
    if platform.startswith(("win32", "cygwin")):
        return WINDOWS
    if platform == "darwin":
        return MACOS
    return LINUX


# --- templates ---------------------------------------------------------------------------------


def _bad_template(reason: str, **args: object) -> BadTemplate:
    return BadTemplate(
        Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "The command cannot be used: {reason}. Write it as a JSON list of arguments, "
                'like ["xfreerdp", "/v:{{address}}", "/u:{{user}}"].',
            ),
            {"reason": Text(C, reason, dict(args))},
        )
    )


def _fields(argument: str) -> list[str]:
    """The placeholders in one template argument; raises BadTemplate for anything else."""
    try:
        parts = list(string.Formatter().parse(argument))
    except ValueError:
        raise _bad_template(
            QT_TRANSLATE_NOOP(C, "{argument} has an unmatched brace (write {{{{ for a brace)"),
            argument=json.dumps(argument),
        ) from None
    names: list[str] = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in PLACEHOLDERS or spec or conversion:
            raise _bad_template(
                QT_TRANSLATE_NOOP(C, "{{{name}}} is not a placeholder jitdesk knows"),
                name=name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else ""),
            )
        names.append(name)
    return names


def check_template(argv: Iterable[str]) -> tuple[str, ...]:
    """Return ``argv`` as a tuple if it is a usable template, else raise :class:`BadTemplate`.

    Usable: at least the program, all text without control characters, the program without
    placeholders, only known placeholders (no format specs), and at least one of ``{host}``,
    ``{address}`` or ``{rdp_file}`` so that the client knows where to connect. Pure.
    """
    items = tuple(argv)
    if not items or not all(isinstance(item, str) for item in items):
        raise _bad_template(QT_TRANSLATE_NOOP(C, "it is not a list of text arguments"))
    if any(ord(c) < 0x20 or ord(c) == 0x7F for item in items for c in item):
        raise _bad_template(QT_TRANSLATE_NOOP(C, "an argument contains a control character"))
    if not items[0].strip() or _fields(items[0]):
        raise _bad_template(
            QT_TRANSLATE_NOOP(C, "the first argument must name the program, without placeholders")
        )
    used = {name for item in items for name in _fields(item)}
    if not used & _TARGET_FIELDS:
        raise _bad_template(
            QT_TRANSLATE_NOOP(C, "it uses none of {{host}}, {{address}} or {{rdp_file}}")
        )
    return items


def parse_template(text: str) -> tuple[str, ...]:
    """Read a template as stored in the settings (a JSON list of text) and check it with
    :func:`check_template`; raises :class:`BadTemplate`. An empty text is not a template. Pure.
    """
    if len(text) > _LONGEST_TEMPLATE:
        raise _bad_template(
            QT_TRANSLATE_NOOP(C, "it is longer than {most} characters"), most=_LONGEST_TEMPLATE
        )
    try:
        value = json.loads(text)
    except ValueError:
        raise _bad_template(QT_TRANSLATE_NOOP(C, "it is not valid JSON")) from None
    if not isinstance(value, list):
        raise _bad_template(QT_TRANSLATE_NOOP(C, "it is not a list of text arguments"))
    return check_template(value)


def check_setting(value: object) -> None:
    """The settings registry's check for ``launch.*_command``: "" (automatic) or a template."""
    text = str(value)
    if text.strip():
        parse_template(text)


def custom_launcher(protocol: str, text: str, platform: str = sys.platform) -> Launcher:
    """The launcher of the user's template ``text`` (see :func:`parse_template`). On Windows an
    SSH template gets a console window of its own (graphical programs ignore it)."""
    argv = parse_template(text)
    return Launcher(
        name=CUSTOM,
        protocol=protocol,
        argv=argv,
        needs_rdp_file=any("rdp_file" in _fields(a) for a in argv),
        new_console=protocol == "ssh" and os_family(platform) == WINDOWS,
    )


# --- built-in clients ---------------------------------------------------------------------------

_WIN, _MAC, _LINUX = frozenset({WINDOWS}), frozenset({MACOS}), frozenset({LINUX})
_SSH_ARGS = ("ssh", "-p", "{port}", "{user_at}{host}")

# Terminal.app takes no command arguments, and AppleScript text must never contain a value.
# So the script receives ssh and its arguments as ``argv`` of its run handler and quotes each
# one with ``quoted form of`` (POSIX shell quoting) before Terminal's shell reads the line.
_TERMINAL_SCRIPT = (
    "on run argv",
    'set command to ""',
    "repeat with anArgument in argv",
    'set command to command & quoted form of (anArgument as text) & " "',
    "end repeat",
    'tell application "Terminal"',
    "activate",
    "do script command",
    "end tell",
    "end run",
)


def _script_args(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(arg for line in lines for arg in ("-e", line))


@dataclass(frozen=True)
class _Candidate:
    """A built-in launcher and the programs (``which``) and macOS apps it needs to work."""

    launcher: Launcher
    programs: tuple[str, ...]
    app: str | None = None


def _rdp(name: str, platforms: frozenset[str], *argv: str, app: str | None = None) -> _Candidate:
    needs_file = "{rdp_file}" in argv
    program = argv[0]
    return _Candidate(Launcher(name, "rdp", argv, needs_file, platforms), (program,), app)


def _ssh(name: str, platforms: frozenset[str], *argv: str, new_console: bool = False) -> _Candidate:
    ssh = "ssh.exe" if platforms == _WIN else "ssh"
    launcher = Launcher(name, "ssh", argv, False, platforms, new_console)
    return _Candidate(launcher, tuple(dict.fromkeys((argv[0], ssh))))


_FREERDP_ARGS = ("/v:{address}", "/u:{user}", "/cert:tofu")

_BUILT_IN: dict[tuple[str, str], tuple[_Candidate, ...]] = {
    (WINDOWS, "rdp"): (_rdp("mstsc", _WIN, "mstsc.exe", "/v:{address}"),),
    (WINDOWS, "ssh"): (
        _ssh("windows-terminal", _WIN, "wt.exe", "new-tab", "--title", "{title}", *_SSH_ARGS),
        _ssh("console", _WIN, "ssh.exe", *_SSH_ARGS[1:], new_console=True),
    ),
    (MACOS, "rdp"): (
        _rdp("windows-app", _MAC, "open", "-a", "Windows App", "{rdp_file}", app="Windows App"),
        _rdp(
            "microsoft-remote-desktop",
            _MAC,
            "open",
            "-a",
            "Microsoft Remote Desktop",
            "{rdp_file}",
            app="Microsoft Remote Desktop",
        ),
        _rdp("open", _MAC, "open", "{rdp_file}"),
    ),
    (MACOS, "ssh"): (
        # FIXME(untested on macOS): not yet run on a Mac; relies on osascript handing the
        # arguments after the -e lines to the run handler.
        _ssh("terminal", _MAC, "osascript", *_script_args(_TERMINAL_SCRIPT), *_SSH_ARGS),
    ),
    (LINUX, "rdp"): (
        _rdp("xfreerdp", _LINUX, "xfreerdp", *_FREERDP_ARGS),
        _rdp("xfreerdp3", _LINUX, "xfreerdp3", *_FREERDP_ARGS),
        _rdp("wlfreerdp", _LINUX, "wlfreerdp", *_FREERDP_ARGS),
        _rdp("remmina", _LINUX, "remmina", "-c", "rdp://{user_at}{address}"),
    ),
    (LINUX, "ssh"): (
        _ssh("x-terminal-emulator", _LINUX, "x-terminal-emulator", "-e", *_SSH_ARGS),
        _ssh("gnome-terminal", _LINUX, "gnome-terminal", "--", *_SSH_ARGS),
        _ssh("konsole", _LINUX, "konsole", "-e", *_SSH_ARGS),
        _ssh("xterm", _LINUX, "xterm", "-e", *_SSH_ARGS),
    ),
}

# mstsc with a user name: the user name can only be given in an .rdp file. Without one the
# plain /v: form is used: unlike an unsigned .rdp file it should not bring up the security
# warning mstsc shows since the April 2026 update (not verified on Windows yet).
_MSTSC_WITH_FILE = Launcher("mstsc", "rdp", ("mstsc.exe", "{rdp_file}"), True, _WIN)


def builtin_launchers(
    protocol: str, platform: str = sys.platform, with_user: bool = False
) -> tuple[Launcher, ...]:
    """Every built-in launcher for ``protocol`` on ``platform``, in the order they are tried,
    whether installed or not. ``with_user`` picks mstsc's .rdp-file form on Windows. Pure."""
    found = tuple(c.launcher for c in _BUILT_IN.get((os_family(platform), protocol), ()))
    if with_user:
        found = tuple(
            _MSTSC_WITH_FILE if launcher.name == "mstsc" else launcher for launcher in found
        )
    return found


def _mac_app_installed(name: str) -> bool:
    """Whether the macOS application ``name`` is in /Applications or ~/Applications."""
    bundle = f"{name}.app"
    return any(
        (root / bundle).is_dir() for root in (Path("/Applications"), Path.home() / "Applications")
    )


def available_launchers(
    protocol: str,
    *,
    with_user: bool = False,
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
    app_installed: Callable[[str], bool] = _mac_app_installed,
) -> tuple[Launcher, ...]:
    """The built-in launchers for ``protocol`` whose programs (and macOS app) this computer
    has, in the order they are preferred. Blocks for a PATH search; fine on any thread."""
    candidates = _BUILT_IN.get((os_family(platform), protocol), ())
    usable = builtin_launchers(protocol, platform, with_user)
    return tuple(
        launcher
        for candidate, launcher in zip(candidates, usable, strict=True)
        if all(which(program) for program in candidate.programs)
        and (candidate.app is None or app_installed(candidate.app))
    )


def choose_launcher(
    target: ConnectTarget,
    *,
    template: str = "",
    client: str | None = None,
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
    app_installed: Callable[[str], bool] = _mac_app_installed,
) -> Launcher:
    """The launcher to use for ``target``.

    ``template`` (the setting for the target's protocol, see :data:`SETTING_KEYS`) wins when
    not empty; then the VM's preferred built-in ``client`` if it is installed; then the first
    installed built-in. Raises :class:`BadTemplate` for a bad template and :class:`NoClient`
    when nothing is installed. Blocks for a PATH search; fine on any thread.
    """
    if template.strip():
        return custom_launcher(target.protocol, template, platform)
    found = available_launchers(
        target.protocol,
        with_user=target.username is not None,
        which=which,
        platform=platform,
        app_installed=app_installed,
    )
    if client:
        preferred = next((launcher for launcher in found if launcher.name == client), None)
        if preferred is not None:
            return preferred
        logger.warning("the client %s chosen for %s is not available", client, target.vm_name)
    if found:
        return found[0]
    tried = ", ".join(launcher.argv[0] for launcher in builtin_launchers(target.protocol, platform))
    raise NoClient(
        Text(
            C,
            QT_TRANSLATE_NOOP(
                C,
                "No {protocol} client was found on this computer (looked for: {tried}). Install "
                "one, or set the {protocol} command in the settings.",
            ),
            {"protocol": target.protocol.upper(), "tried": tried or "-"},
        )
    )


# --- plans --------------------------------------------------------------------------------------


def _render(argument: str, values: dict[str, str | None]) -> str | None:
    """One template argument with its placeholders filled in, or None when it uses a value
    that is not there (``{user}`` without a user name)."""
    pieces: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(argument):
        pieces.append(literal)
        if name is None:
            continue
        value = values[name]
        if value is None:
            return None
        pieces.append(value)
    return "".join(pieces)


def plan(target: ConnectTarget, launcher: Launcher, rdp_folder: Path | None) -> LaunchPlan:
    """The argument list that starts ``launcher`` for ``target``.

    Writes an .rdp file into ``rdp_folder`` (None: the default private folder) when the
    launcher reads one, so it blocks for a few file system calls. Each template argument
    becomes exactly one argument or, when it uses ``{user}`` and there is no user name, none.
    Raises :class:`BadTemplate` for a bad template, :class:`UnsafeValue` if a value would
    turn an argument into an option (which a checked target cannot do), and OSError when the
    .rdp folder cannot be used.
    """
    if launcher.protocol != target.protocol:
        raise ValueError(f"{launcher.name} is a {launcher.protocol} client, not {target.protocol}")
    check_template(launcher.argv)
    uses_file = launcher.needs_rdp_file or any("rdp_file" in _fields(a) for a in launcher.argv)
    rdp_file = write_rdp_file(target, rdp_folder) if uses_file else None
    values: dict[str, str | None] = {
        "host": target.host,
        "port": str(target.port),
        "address": target.address,
        "user": target.username,
        "user_at": f"{target.username}@" if target.username else "",
        "rdp_file": str(rdp_file) if rdp_file is not None else None,
        "title": safe_title(target.vm_name),
    }
    try:
        argv = _fill(launcher.argv, values)
    except UnsafeValue:
        if rdp_file is not None:
            rdp_file.unlink(missing_ok=True)
        raise
    return LaunchPlan(argv, rdp_file, launcher.new_console, shlex.join(argv))


def _fill(template: tuple[str, ...], values: dict[str, str | None]) -> list[str]:
    argv: list[str] = []
    for argument in template:
        filled = _render(argument, values)
        if filled is None:
            continue
        if filled.startswith("-") and not argument.startswith("-"):
            raise UnsafeValue(
                Text(
                    C,
                    QT_TRANSLATE_NOOP(
                        C, "A value would make the argument {argument} an option; not starting."
                    ),
                    {"argument": argument},
                )
            )
        argv.append(filled)
    return argv
