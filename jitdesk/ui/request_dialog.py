"""The request dialog: ports, duration, source and justification, checked as you type."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jitdesk.app.tasks import TaskRunner
from jitdesk.domain.access import (
    AccessRequest,
    AccessTarget,
    Problem,
    SourceKind,
    check_request,
    longest_allowed,
    usual_ports,
)
from jitdesk.domain.clock import Clock
from jitdesk.domain.errors import CloudError
from jitdesk.domain.prefixes import parse_prefixes
from jitdesk.domain.wording import explain_error, format_duration
from jitdesk.launch.route import NoRoute, local_address_towards
from jitdesk.services.access import PolicyOutcome, RequestRefused
from jitdesk.ui.error_box import support_details
from jitdesk.ui.texts import local_time, tr_text

logger = logging.getLogger(__name__)

PRESETS = (30, 60, 180, 480)


class RequestDialog(QDialog):
    """Asks Azure for access to one or several VMs. Sending runs in the background; a failure
    keeps everything typed and says what to do."""

    answered = Signal()  # Azure's answer (or a failure) has been shown

    def __init__(
        self,
        targets: list[AccessTarget],
        clock: Clock,
        runner: TaskRunner,
        send: Callable[[AccessRequest], list[PolicyOutcome]],
        default_minutes: int = 60,
        justification_required: bool = False,
        parent: QWidget | None = None,
        extend: tuple[tuple[int, ...], tuple[str, ...]] | None = None,
    ) -> None:
        """``extend`` = (ports, sources) of a grant to extend: those are preselected and the
        duration starts at the longest the policy allows."""
        super().__init__(parent)
        self.targets = targets
        self.clock = clock
        self.runner = runner
        self._send = send
        self._justification_required = justification_required
        self.outcomes: list[PolicyOutcome] = []
        self._last_error: CloudError | None = None
        self._routes = self._find_routes()

        names = ", ".join(t.vm.name for t in targets)
        self.setWindowTitle(self.tr("Extend access") if extend else self.tr("Request access"))
        self.setMinimumWidth(620)
        heading = QLabel(
            self.tr("Extend access to {vms}: the new request replaces the open one").format(
                vms=names
            )
            if extend
            else self.tr("Request access to {vms}").format(vms=names)
            if len(targets) == 1
            else self.tr("Request access to {n} VMs: {vms}").format(n=len(targets), vms=names)
        )
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)

        self.port_boxes = self._build_ports()
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 1440)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Duration in minutes"))
        self.end_label = QLabel()
        duration_row = QHBoxLayout()
        duration_row.addWidget(self.minutes)
        for preset in PRESETS:
            button = QPushButton(tr_text(format_duration(timedelta(minutes=preset))))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, m=preset: self.minutes.setValue(m))
            duration_row.addWidget(button)
            setattr(self, f"preset_{preset}", button)
        self.longest_button = QPushButton(self.tr("Longest"))
        self.longest_button.setAutoDefault(False)
        self.longest_button.clicked.connect(lambda: self.minutes.setValue(self.minutes.maximum()))
        duration_row.addWidget(self.longest_button)
        duration_row.addStretch(1)

        source_box = self._build_sources()

        self.justification = QLineEdit()
        self.justification.setPlaceholderText(
            self.tr("Why do you need access? (kept in Azure's audit log)")
        )
        self.justification.setMaxLength(500)

        form = QFormLayout()
        form.addRow(self.tr("Duration"), duration_row)
        form.addRow("", self.end_label)
        form.addRow(
            self.tr("Justification") + (" *" if justification_required else ""),
            self.justification,
        )

        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.RichText)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        summary_font = self.summary.font()
        summary_font.setBold(True)
        self.summary.setFont(summary_font)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.details_button = QPushButton(self.tr("Details for support…"))
        self.details_button.setAutoDefault(False)
        self.details_button.hide()
        self.details_button.clicked.connect(self._show_details)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.send_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.send_button.setText(self.tr("Request access"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.ports_group)
        layout.addLayout(form)
        layout.addWidget(source_box)
        layout.addWidget(self.notes)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)

        for box in self.port_boxes.values():
            box.toggled.connect(self._ports_changed)
        self.minutes.valueChanged.connect(self.update_state)
        self.source_group.buttonToggled.connect(self.update_state)
        self.typed_sources.textChanged.connect(self._typed_changed)
        self.justification.textChanged.connect(self.update_state)

        if extend is not None:
            ports, sources = extend
            for number, box in self.port_boxes.items():
                box.setChecked(number in ports)
            if sources:
                self.typed_sources.setText(", ".join(sources))
                self.source_typed.setChecked(True)
        self._ports_changed()
        self.minutes.setValue(
            self.minutes.maximum() if extend else min(default_minutes, self.minutes.maximum())
        )
        if extend:
            self.send_button.setText(self.tr("Extend access"))
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(15_000)
        self._clock_timer.timeout.connect(self.update_state)
        self._clock_timer.start()
        self.update_state()

    # --- construction --------------------------------------------------------------------------

    def _build_ports(self) -> dict[int, QCheckBox]:
        self.ports_group = QGroupBox(self.tr("Ports"))
        row = QHBoxLayout(self.ports_group)
        numbers: dict[int, list[AccessTarget]] = {}
        protocols: dict[int, set[str]] = {}
        for target in self.targets:
            for rule in target.policy_vm.ports:
                numbers.setdefault(rule.number, []).append(target)
                protocols.setdefault(rule.number, set()).add(rule.protocol.value)
        preselected = {n for t in self.targets for n in usual_ports(t)}
        boxes: dict[int, QCheckBox] = {}
        for number in sorted(numbers):
            protocol = "/".join(sorted(protocols[number])).replace("*", self.tr("any protocol"))
            text = f"{number} · {protocol}"
            holders = numbers[number]
            if len(holders) < len(self.targets):
                text += " (" + ", ".join(t.vm.name for t in holders) + ")"
            box = QCheckBox(text)
            box.setChecked(number in preselected)
            boxes[number] = box
            row.addWidget(box)
        row.addStretch(1)
        return boxes

    def _find_routes(self) -> dict[str, str]:
        """This computer's address on the route to each VM's private address (a routing-table
        lookup, no traffic)."""
        routes: dict[str, str] = {}
        for target in self.targets:
            if target.vm.private_ip:
                try:
                    routes[target.vm.id.key] = local_address_towards(target.vm.private_ip)
                except (NoRoute, ValueError) as error:
                    logger.info("no local route to %s: %s", target.vm.name, error)
        return routes

    def _build_sources(self) -> QGroupBox:
        box = QGroupBox(self.tr("Allow access from"))
        layout = QVBoxLayout(box)
        self.source_group = QButtonGroup(self)
        self.source_azure = QRadioButton(self.tr("My address as Azure sees it (recommended)"))
        self.source_azure.setToolTip(
            self.tr("The request names no address; Azure uses the one your request comes from.")
        )
        route_text = ", ".join(sorted(set(self._routes.values()))) or self.tr("none found")
        self.source_route = QRadioButton(
            self.tr(
                "My address on the way to the VM ({address}) — for a VPN or peered network"
            ).format(address=route_text)
        )
        self.source_route.setEnabled(bool(self._routes))
        self.source_typed = QRadioButton(self.tr("These addresses or ranges:"))
        self.typed_sources = QLineEdit()
        self.typed_sources.setPlaceholderText(self.tr("e.g. 203.0.113.7, 198.51.100.0/24"))
        self.typed_problems = QLabel()
        self.typed_problems.setWordWrap(True)
        self.typed_problems.setStyleSheet("color: #b71c1c;")
        self.typed_problems.hide()
        policy_ranges = sorted(
            {p for t in self.targets for r in t.policy_vm.ports for p in r.allowed_source_prefixes}
        )
        self.source_policy = QRadioButton(
            self.tr("The policy's allowed range ({ranges})").format(ranges=", ".join(policy_ranges))
        )
        self.source_policy.setEnabled(policy_ranges != ["*"] and bool(policy_ranges))
        typed_row = QHBoxLayout()
        typed_row.addWidget(self.source_typed)
        typed_row.addWidget(self.typed_sources, 1)
        for number, button in enumerate(
            (self.source_azure, self.source_route, self.source_typed, self.source_policy)
        ):
            self.source_group.addButton(button, number)
        layout.addWidget(self.source_azure)
        layout.addWidget(self.source_route)
        layout.addLayout(typed_row)
        layout.addWidget(self.typed_problems)
        layout.addWidget(self.source_policy)
        private_only = all(t.vm.reached_privately or not t.vm.public_ip for t in self.targets)
        (self.source_route if private_only and self._routes else self.source_azure).setChecked(True)
        return box

    # --- state ---------------------------------------------------------------------------------

    def chosen_ports(self) -> tuple[int, ...]:
        return tuple(n for n, box in self.port_boxes.items() if box.isChecked())

    def source_kind(self) -> SourceKind:
        return {
            0: SourceKind.AS_AZURE_SEES,
            1: SourceKind.ROUTE_TO_VM,
            2: SourceKind.TYPED,
            3: SourceKind.POLICY,
        }[self.source_group.checkedId()]

    def build_request(self) -> AccessRequest:
        """The request as the dialog shows it now."""
        kind = self.source_kind()
        sources: tuple[str, ...] = ()
        by_vm: dict[str, tuple[str, ...]] = {}
        if kind is SourceKind.TYPED:
            sources = tuple(parse_prefixes(self.typed_sources.text())[0])
        elif kind is SourceKind.ROUTE_TO_VM:
            by_vm = {key: (address,) for key, address in self._routes.items()}
        return AccessRequest(
            targets=tuple(self.targets),
            ports=self.chosen_ports(),
            duration=timedelta(minutes=self.minutes.value()),
            source_kind=kind,
            sources=sources,
            sources_by_vm=by_vm,
            justification=self.justification.text(),
        )

    def problems(self) -> list[Problem]:
        request = self.build_request()
        problems = check_request(request, self._justification_required)
        if request.source_kind is SourceKind.TYPED:
            for text in parse_prefixes(self.typed_sources.text())[1]:
                problems.insert(0, Problem("source", text))
        return problems

    def _ports_changed(self) -> None:
        longest = longest_allowed(self.build_request())
        maximum = int(longest.total_seconds() // 60) if longest else 1440
        self.minutes.setMaximum(max(5, maximum))
        self.longest_button.setText(
            self.tr("Longest ({duration})").format(
                duration=tr_text(format_duration(timedelta(minutes=self.minutes.maximum())))
            )
        )
        for preset in PRESETS:
            getattr(self, f"preset_{preset}").setEnabled(preset <= maximum)
        self.update_state()

    def _typed_changed(self) -> None:
        if self.typed_sources.text().strip() and not self.source_typed.isChecked():
            self.source_typed.setChecked(True)
        self.update_state()

    def update_state(self) -> None:
        """Recompute notes, summary and whether the request may go."""
        request = self.build_request()
        problems = self.problems()
        end = self.clock.now() + request.duration
        self.end_label.setText(
            self.tr(
                "Access ends at {end} your time ({duration} from when Azure grants it)."
            ).format(end=local_time(end), duration=tr_text(format_duration(request.duration)))
        )
        typed = [p for p in problems if p.field == "source" and self.source_typed.isChecked()]
        typed_errors = parse_prefixes(self.typed_sources.text())[1]
        self.typed_problems.setVisible(bool(typed_errors))
        self.typed_problems.setText("\n".join(tr_text(t) for t in typed_errors))
        notes = [p for p in problems if not (typed and p.text in typed_errors)]
        lines = [
            f"<span style='color:{'#b71c1c' if p.blocking else '#8a6d00'}'>"
            f"{'✖' if p.blocking else '⚠'} {_html(tr_text(p.text))}</span>"
            for p in notes
        ]
        self.notes.setText("<br>".join(lines))
        self.notes.setVisible(bool(lines))
        blocked = any(p.blocking for p in problems)
        self.send_button.setEnabled(not blocked and not self.runner_busy)
        self.summary.setText("" if blocked else self._summary(request))

    runner_busy = False

    def _summary(self, request: AccessRequest) -> str:
        ports = ", ".join(str(p) for p in request.ports)
        vms = ", ".join(t.vm.name for t in request.targets)
        if request.source_kind is SourceKind.AS_AZURE_SEES:
            source = self.tr("your address as Azure sees it")
        else:
            source = ", ".join(sorted({s for t in request.targets for s in request.sources_for(t)}))
        return self.tr("Opens port {ports} on {vms} for {source} until {end}.").format(
            ports=ports,
            vms=vms,
            source=source,
            end=local_time(self.clock.now() + request.duration),
        )

    # --- sending -------------------------------------------------------------------------------

    def submit(self) -> None:
        """Send the request in the background; keep the dialog open until Azure answers."""
        if any(p.blocking for p in self.problems()):
            return
        request = self.build_request()
        self._set_busy(True)
        self.runner.run(lambda: self._send(request), self._on_done, self._on_error)

    def reject(self) -> None:
        """While a request is on its way, closing would hide Azure's answer: wait for it."""
        if self.runner_busy:
            return
        super().reject()

    def done(self, result: int) -> None:
        self._clock_timer.stop()
        super().done(result)

    def _set_busy(self, busy: bool) -> None:
        self.runner_busy = busy
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setEnabled(not busy)
        self.progress.setVisible(busy)
        for widget in (self.ports_group, self.minutes, self.justification, self.typed_sources):
            widget.setEnabled(not busy)
        for button in self.source_group.buttons():
            button.setEnabled(not busy and (button is not self.source_route or bool(self._routes)))
        if busy:
            self.error_label.hide()
            self.details_button.hide()
        self.update_state()

    def _on_done(self, outcomes: list[PolicyOutcome]) -> None:
        # Keep what earlier attempts granted: "Try again" after a partial failure only retries
        # the rest, and the window must still reload the subscriptions granted first.
        self.outcomes = [o for o in self.outcomes if o.ok] + outcomes
        self._set_busy(False)
        failed = [o for o in outcomes if o.error is not None]
        if not failed:
            self.answered.emit()
            self.accept()
            return
        lines = []
        for outcome in failed:
            assert outcome.error is not None
            names = ", ".join(t.vm.name for t in outcome.targets)
            lines.append(f"{names}: {tr_text(explain_error(outcome.error))}")
        granted = [t.vm.name for o in outcomes if o.ok for t in o.targets]
        if granted:
            lines.append(self.tr("Access was granted to {vms}.").format(vms=", ".join(granted)))
            self.targets = [t for o in failed for t in o.targets]
        self._last_error = failed[0].error
        self.error_label.setText("\n".join(lines))
        self.error_label.show()
        self.details_button.show()
        self.send_button.setText(self.tr("Try again"))
        self.answered.emit()

    def _on_error(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, RequestRefused):
            text = "\n".join(tr_text(p.text) for p in error.problems)
            self._last_error = None
        elif isinstance(error, CloudError):
            text = tr_text(explain_error(error))
            self._last_error = error
        else:
            logger.error("sending the request failed", exc_info=error)
            text = self.tr("The request could not be sent: {error}").format(error=error)
            self._last_error = None
        self.error_label.setText(text)
        self.error_label.show()
        self.details_button.setVisible(self._last_error is not None)
        self.send_button.setText(self.tr("Try again"))
        self.answered.emit()

    def _show_details(self) -> None:
        if self._last_error is None:
            return
        from jitdesk.ui.error_box import show_error

        show_error(self, self.tr("The request was refused"), self._last_error)

    def support_text(self) -> str:
        return support_details(self._last_error) if self._last_error else ""


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
