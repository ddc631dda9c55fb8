"""The report as an email: HTML body, plain-text alternative, the workbook attached, a UTF-8 subject."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from shopguard.core.files import write_atomically
from shopguard.core.report.content import ReportContent
from shopguard.core.report.html import render_html, render_text, subject

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def build_message(
    content: ReportContent, workbook: Path | None, sender: str = "", recipients: list[str] = ()
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject(content)
    if sender:
        message["From"] = sender
    if recipients:
        message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="shopguard.local")
    message["X-Unsent"] = "1"  # Outlook opens a draft ready to send, not a received message
    message.set_content(render_text(content))
    message.add_alternative(render_html(content), subtype="html")
    if workbook is not None:
        name = f"ShopGuard晨报_{content.as_of.strftime('%Y-%m-%d')}.xlsx"
        message.add_attachment(workbook.read_bytes(), maintype=XLSX[0], subtype=XLSX[1], filename=name)
    return message


def write_eml(message: EmailMessage, target: Path) -> Path:
    return write_atomically(target, lambda path: path.write_bytes(bytes(message)))


def mailbox_check_message(sender: str, recipients: list[str]) -> EmailMessage:
    """A short email that proves the mailbox settings work."""
    message = EmailMessage()
    message["Subject"] = "ShopGuard 测试邮件"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message.set_content("这是一封测试邮件：ShopGuard 可以用这个邮箱发送晨报。")
    return message
