"""The German translation: complete, faithful to the placeholders, compiled, loaded the way the
app loads it, and in step with the code (a new string without a translation fails here, named).

After changing a string: ``packaging/update-translations``, translate what it reports, commit
the .ts and the .qm together.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from jitdesk.app.application import _install_translator
from jitdesk.config.settings import Settings
from jitdesk.domain.clock import SystemClock
from jitdesk.domain.jit_state import JitState, JitStateKind, StateReason
from jitdesk.domain.wording import format_duration, state_label
from jitdesk.ui.settings_dialog import SettingsDialog
from jitdesk.ui.texts import tr_text
from jitdesk.ui.vm_table import Column, VmTableModel

REPO = Path(__file__).resolve().parents[2]
TS = REPO / "resources" / "i18n" / "jitdesk_de.ts"
QM = TS.with_suffix(".qm")
UPDATE = REPO / "packaging" / "update-translations"
REBUILD = "run packaging/update-translations and translate what it reports"

# {name}, {seconds:.1f}, and the %v/%m/%n of Qt's own formats.
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%[0-9nvm]")
ACCELERATOR = re.compile(r"&(?=[^&\s])")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    translation: str
    unfinished: bool
    where: str

    def __str__(self) -> str:
        return f"{self.context} {self.source!r} ({self.where})"


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        filename = "?"
        for message in context.iter("message"):
            location = message.find("location")
            if location is not None:  # relative locations name the file once per context
                filename = location.get("filename", filename).removeprefix("../../")
            translation = message.find("translation")
            assert translation is not None
            messages.append(
                Message(
                    name,
                    message.findtext("source", ""),
                    translation.text or "",
                    translation.get("type") in ("unfinished", "vanished", "obsolete"),
                    filename,
                )
            )
    return messages


def lrelease(ts: Path, qm: Path) -> None:
    """Compile as packaging/update-translations does (the tool of this environment)."""
    tool = shutil.which("pyside6-lrelease", path=str(Path(sys.executable).parent))
    assert tool, "pyside6-lrelease is missing from the environment"
    subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], check=True)


def test_every_message_is_translated() -> None:
    messages = read_ts(TS)
    assert len(messages) > 200  # the whole interface, not a stub

    missing = [str(m) for m in messages if m.unfinished or not m.translation.strip()]

    assert not missing, "untranslated:\n" + "\n".join(missing)


def test_translations_keep_placeholders_accelerators_and_spacing() -> None:
    wrong = []
    for m in read_ts(TS):
        source, text = m.source, m.translation
        if set(PLACEHOLDER.findall(source)) != set(PLACEHOLDER.findall(text)):
            wrong.append(f"{m}: placeholders {PLACEHOLDER.findall(text)}")
        if len(ACCELERATOR.findall(source)) != len(ACCELERATOR.findall(text)):
            wrong.append(f"{m}: the & accelerator is missing or doubled")
        if source.endswith("…") != text.endswith("…"):
            wrong.append(f"{m}: the … ellipsis (a dialog follows) must match")
        if (source[:1] == " ", source[-1:] == " ") != (text[:1] == " ", text[-1:] == " "):
            wrong.append(f"{m}: leading or trailing space differs (text is glued on)")

    assert not wrong, "\n".join(wrong)


def test_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    assert QM.is_file(), f"{QM.relative_to(REPO)} is missing: {REBUILD}"
    rebuilt = tmp_path / QM.name

    lrelease(TS, rebuilt)

    same = rebuilt.read_bytes() == QM.read_bytes()
    assert same, f"the .qm was not built from this .ts: {REBUILD}"


def test_every_string_in_the_code_is_in_the_ts(tmp_path: Path) -> None:
    """lupdate over the code, into a copy: nothing may come out unfinished. The script also
    stops on an f-string passed to a translation function, naming the file and line."""
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)

    run = subprocess.run([str(UPDATE), str(copy)], capture_output=True, text=True, check=False)

    assert run.returncode == 0, run.stderr
    messages = read_ts(copy)
    # A context is a class name or a module's context constant. lupdate's Python reader
    # misnames some: `return self.tr("…")` right after a statement that calls
    # QCoreApplication.translate() lands in "QCoreApplication.self", and never matches.
    misread = [str(m) for m in messages if not m.context.isidentifier()]
    assert not misread, "lupdate misread the context of:\n" + "\n".join(misread)
    new = [str(m) for m in messages if m.unfinished or not m.translation.strip()]
    assert not new, f"strings without a German translation ({REBUILD}):\n" + "\n".join(new)


@pytest.fixture
def german(qapp):
    """The German translation installed as ``jitdesk --lang de`` installs it; removed after."""
    translators = _install_translator(qapp, "de")
    assert translators, "jitdesk_de.qm did not load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
        translator.setParent(None)


def test_core_sentences_come_out_german(german) -> None:
    unsupported = JitState(JitStateKind.UNSUPPORTED, reason=StateReason.CLASSIC_VM)

    assert tr_text(state_label(JitState(JitStateKind.OPEN))) == "Offen"
    assert tr_text(state_label(unsupported)) == "Nicht unterstützt: klassische VM"
    assert tr_text(format_duration(timedelta(minutes=90))) == "1 Std. 30 Min."


def test_table_headers_come_out_german(german) -> None:
    model = VmTableModel(SystemClock())

    header = model.headerData(Column.RESOURCE_GROUP, Qt.Orientation.Horizontal)

    assert header == "Ressourcengruppe"


def test_widgets_come_out_german(german, qtbot, tmp_path: Path) -> None:
    dialog = SettingsDialog(Settings(tmp_path / "s.json"))
    qtbot.addWidget(dialog)

    labels = {label.text() for label in dialog.findChildren(QLabel)}
    buttons = {button.text() for button in dialog.findChildren(QPushButton)}

    assert dialog.windowTitle() == "Einstellungen"
    assert "Begründung verlangen" in labels  # a setting's label, marked in the Qt-free registry
    assert "Abbrechen" in buttons  # a standard button: Qt's own catalogue, installed alongside


def test_english_without_the_translator(qapp) -> None:
    assert tr_text(state_label(JitState(JitStateKind.OPEN))) == "Open"
    assert _install_translator(qapp, "en") == []
