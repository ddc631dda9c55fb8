"""Sending from the store's mail settings: one place for the CLI and the window."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from shopguard.core.report.content import ReportContent
from shopguard.core.report.mail import MailError, load_password, send
from shopguard.core.report.message import build_message, mailbox_check_message
from shopguard.core.store.database import Store
from shopguard.core.store.preferences import get_setting, mail_recipients, mail_server

LAST_SENT = "report_last_sent"


def _sender(store: Store) -> str:
    user = get_setting(store, "mail_user")
    if not user:
        raise MailError("请先设置发件邮箱（设置 → 晨报邮件，或 shopguard settings mail_user you@qq.com）")
    return user


def send_report(store: Store, content: ReportContent, workbook: Path, moment: datetime) -> list[str]:
    """Send the report to mail_to; it is marked as sent only once the server has accepted it."""
    user = _sender(store)
    message = build_message(content, workbook, user, mail_recipients(store))
    accepted = send(message, mail_server(store), user, load_password(user))
    store.set_setting(LAST_SENT, f"{moment.isoformat()} {','.join(accepted)}")
    return accepted


def send_check(store: Store) -> list[str]:
    """A short test email to mail_to, proving the settings and the stored password work."""
    user = _sender(store)
    recipients = mail_recipients(store)
    return send(mailbox_check_message(user, recipients), mail_server(store), user, load_password(user))
