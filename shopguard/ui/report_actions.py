"""The window's report actions: export the workbook, open a draft in the mail client, send it, and send it
every day at the set time while the window is open. The work runs on the task runner, off the GUI thread."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import NamedTuple

from PySide6.QtCore import QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from shopguard.core.alerts.channels import SecretStoreError, configured_channels
from shopguard.core.alerts.digest import freshness_line, render_digest
from shopguard.core.alerts.push import describe_results, push_to_all
from shopguard.core.files import TargetLocked, describe_os_error
from shopguard.core.filing.storage import load_filings
from shopguard.core.report import delivery
from shopguard.core.report.content import build_content
from shopguard.core.report.mail import MailError
from shopguard.core.report.message import build_message, write_eml
from shopguard.core.report.workbook import write_workbook
from shopguard.core.rules.user_packs import usable_packs
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import SettingError, get_setting
from shopguard.core.triage.session import triage_store
from shopguard.ui import pack_problems
from shopguard.ui.start_folders import usual_folder
from shopguard.ui.tasks import TaskRunner


def _content(data_dir: Path, moment: datetime):
    packs, problems = usable_packs(data_dir)  # a damaged rule file is said in the report
    with Store.open(data_dir) as store:
        triage = pack_problems.with_problems(triage_store(store, moment, packs), problems).triage
        return build_content(triage, load_filings(store))


def send_report(data_dir: Path, moment: datetime) -> list[str]:
    """Build the report and send it (see core.report.delivery). Runs on a worker thread."""
    return _mail(data_dir, _content(data_dir, moment), moment)


def _mail(data_dir: Path, content, moment: datetime) -> list[str]:
    """The workbook written to a scratch folder and mailed with the report; the addresses that accepted it."""
    with tempfile.TemporaryDirectory() as scratch:
        workbook = write_workbook(content, Path(scratch) / "report.xlsx")
        with Store.open(data_dir) as store:
            return delivery.send_report(store, content, workbook, moment)


LAST_PUSHED = "report_last_pushed"  # when the daily send last pushed to the group robots
# After a daily send that did not get the mail out, the next try: not every minute, as the workbook is built
# again each time (seconds of work at 200,000 orders) and a mail server that refuses now rarely accepts a
# minute later. The merchant can send at once from the menu.
RETRY_AFTER = timedelta(minutes=15)


class DailySend(NamedTuple):
    sent: list[str]  # what went out, each a line in the merchant's words
    failed: list[str]  # what did not, and why
    mailed: bool  # the mail went out (else it is tried again later)


def send_daily(data_dir: Path, moment: datetime) -> DailySend:
    """The daily send, as `shopguard report --send --push` does it: the mail, then the digest to every group robot
    that is set up. A failed mail never stops the push (nor the other way round). Runs on a worker thread."""
    content = _content(data_dir, moment)
    sent, failed = [], []
    try:
        sent.append("邮件已发给 " + "、".join(_mail(data_dir, content, moment)))
    except (MailError, SettingError) as error:
        failed.append(f"邮件没有发出：{error}")
    except OSError as error:
        failed.append(f"邮件没有发出：{describe_os_error(error) or error}")
    mailed = bool(sent)
    try:
        channels = configured_channels()
    except SecretStoreError as error:
        return DailySend(sent, [*failed, f"群消息没有发出：{error}"], mailed)
    day = moment.strftime("%Y-%m-%d")
    with Store.open(data_dir) as store:
        # Once a day, whatever the robots answered: a mail that keeps failing is tried again (RETRY_AFTER), the
        # group must not get a message at every try.
        if not channels or (store.setting(LAST_PUSHED) or "").startswith(day):
            return DailySend(sent, failed, mailed)
        text = render_digest(content, freshness=freshness_line(store, content.as_of))
        store.set_setting(LAST_PUSHED, moment.isoformat())
    for result in push_to_all(channels, text):
        (sent if result.ok else failed).append(describe_results([result])[0])
    return DailySend(sent, failed, mailed)


class ReportActions(QObject):
    def __init__(self, parent: QWidget, data_dir: Path, clock: Callable[[], datetime], tasks: TaskRunner):
        super().__init__(parent)
        self.window, self.data_dir, self.clock, self.tasks = parent, data_dir, clock, tasks
        self.daily = QTimer(self)
        self.daily.timeout.connect(self.send_if_due)
        self.daily.start(60_000)
        self.daily_running = False  # a daily send is on the worker: none started beside it
        self.retry_at: datetime | None = None  # after a failed daily send, not before then

    def export(self, full: bool = False) -> None:
        """The workbook, saved where the merchant says; `full`: with the 全部时钟 sheet, every clock a row
        (finished ones too), as `shopguard report --full` writes it."""
        name = f"ShopGuard晨报_{self.clock().strftime('%Y-%m-%d')}" + ("_全部时钟" if full else "") + ".xlsx"
        target, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the morning report"), str(usual_folder() / name), "Excel (*.xlsx)"
        )
        if target:
            moment = self.clock()
            self.tasks.start(
                lambda _: write_workbook(_content(self.data_dir, moment), Path(target), full=full), self._exported
            )

    def _exported(self, path, error) -> None:
        # A full disk or a folder that cannot be written is the merchant's to fix: say so, not "unexpected error".
        told = describe_os_error(error) if isinstance(error, OSError) else None
        if isinstance(error, TargetLocked) or told:
            QMessageBox.warning(self.window, self.tr("Export the morning report"), told or str(error))
        elif error is not None:
            raise error
        else:
            self._saved(Path(path))

    def _saved(self, path: Path) -> None:
        """Saved: open the workbook or its folder from here, instead of looking for it."""
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Export the morning report"))
        box.setText(self.tr("Saved {path}").format(path=path))
        open_file = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.AcceptRole)
        open_folder = box.addButton(self.tr("Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Close"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def open_draft(self) -> None:
        """Write an .eml draft and hand it to the mail client (Outlook, Foxmail, Thunderbird)."""
        moment = self.clock()

        def work(_):
            content = _content(self.data_dir, moment)
            folder = Path(tempfile.mkdtemp(prefix="shopguard-mail-"))
            workbook = write_workbook(content, folder / "report.xlsx")
            return write_eml(build_message(content, workbook), folder / f"ShopGuard晨报_{moment:%Y-%m-%d}.eml")

        self.tasks.start(work, self._draft_ready)

    def _draft_ready(self, path, error) -> None:
        if error is not None:
            raise error
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def send_now(self) -> None:
        moment = self.clock()
        self.tasks.start(lambda _: send_report(self.data_dir, moment), self._sent)

    def _sent(self, accepted, error) -> None:
        title = self.tr("Send the morning report")
        if isinstance(error, (MailError, SettingError)):
            QMessageBox.warning(self.window, title, self.tr("Not sent: {reason}").format(reason=error))
        elif error is not None:
            raise error
        else:
            QMessageBox.information(self.window, title, self.tr("Sent to {to}").format(to="、".join(accepted)))

    def send_if_due(self) -> None:
        """Once a day at report_time, while the window is open; a missed time is caught up once. When the mail
        did not go out, it is tried again RETRY_AFTER later (never two sends at once)."""
        moment = self.clock()
        if self.daily_running or (self.retry_at is not None and moment < self.retry_at):
            return
        with Store.open(self.data_dir) as store:
            at, last = get_setting(store, "report_time"), store.setting("report_last_sent") or ""
        if not at or last.startswith(moment.strftime("%Y-%m-%d")) or moment.strftime("%H:%M") < at:
            return
        self.daily_running = True
        self.tasks.start(lambda _: send_daily(self.data_dir, moment), partial(self._sent_quietly, moment))

    def _sent_quietly(self, moment: datetime, outcome: DailySend | None, error) -> None:
        self.daily_running = False
        if error is not None:
            text = self.tr("The daily report was not sent: {reason}").format(reason=error)
        else:
            title = self.tr("Daily report") + ("" if not outcome.failed else self.tr(" (not everything was sent)"))
            text = f"{title}：" + "；".join([*outcome.failed, *outcome.sent])
        self.retry_at = None if outcome is not None and outcome.mailed else moment + RETRY_AFTER
        if self.retry_at is not None:
            text += self.tr(" (tried again at {time})").format(time=self.retry_at.strftime("%H:%M"))
        self.window.statusBar().showMessage(text)
