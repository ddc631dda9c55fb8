"""Sending from the store's mail settings: one place for the CLI and the window.

Addresses go into mail headers, where a line break would start a header of its own (a hidden Bcc, say): an
address with a control character is refused before anything is sent.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from shopguard.core.files import printable
from shopguard.core.report.content import ReportContent
from shopguard.core.report.mail import MailError, load_password, send
from shopguard.core.report.message import build_message, mailbox_check_message
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import get_setting, mail_recipients, mail_server

LAST_SENT = "report_last_sent"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _sender(store: Store) -> str:
    user = get_setting(store, "mail_user")
    if not user:
        raise MailError("请先设置发件邮箱（设置 → 晨报邮件，或 shopguard settings mail_user you@qq.com）")
    return _one_line(user, "mail_user", "发件邮箱")


def _recipients(store: Store) -> list[str]:
    return [_one_line(address, "mail_to", "收件人") for address in mail_recipients(store)]


def _one_line(address: str, key: str, label: str) -> str:
    if _CONTROL.search(address):
        raise MailError(
            f"{label}「{printable(address)}」里有换行符或其他控制字符，邮件没有发出：请在 设置 → 晨报邮件 中重新填写"
            f"（或 shopguard settings {key} …，多个地址用英文逗号分隔）"
        )
    return address


def send_report(store: Store, content: ReportContent, workbook: Path, moment: datetime) -> list[str]:
    """Send the report to mail_to; it is marked as sent only once the server has accepted it."""
    user = _sender(store)
    message = build_message(content, workbook, user, _recipients(store))
    accepted = send(message, mail_server(store), user, load_password(user))
    store.set_setting(LAST_SENT, f"{moment.isoformat()} {','.join(accepted)}")
    return accepted


def send_check(store: Store) -> list[str]:
    """A short test email to mail_to, proving the settings and the stored password work."""
    user = _sender(store)
    recipients = _recipients(store)
    return send(mailbox_check_message(user, recipients), mail_server(store), user, load_password(user))
