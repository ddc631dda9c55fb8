"""Sending the report by SMTP (SSL or STARTTLS) with the password kept in the OS credential store."""

from __future__ import annotations

import socket
from email.message import EmailMessage

from shopguard.core.settings import MailServer

KEYRING_SERVICE = "ShopGuard SMTP"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


class MailError(Exception):
    """Sending failed; the message says why in the merchant's words. Nothing was sent."""


def save_password(user: str, password: str) -> None:
    import keyring  # here, not at the top: it takes 40 ms, and most commands never need the password

    try:
        keyring.set_password(KEYRING_SERVICE, user, password)
    except keyring.errors.KeyringError as error:
        raise MailError(f"无法把密码保存到系统的密码保管服务：{error}") from None


def load_password(user: str) -> str:
    import keyring  # when the password is needed (see save_password)

    try:
        password = keyring.get_password(KEYRING_SERVICE, user)
    except keyring.errors.KeyringError as error:
        raise MailError(f"无法从系统的密码保管服务读取密码：{error}") from None
    if not password:
        raise MailError(f"还没有保存 {user} 的邮箱密码/授权码：运行 shopguard mail password")
    return password


def send(message: EmailMessage, server: MailServer, user: str, password: str, timeout: float = 30) -> list[str]:
    """Send; returns the recipients the server accepted. Raises MailError when nothing was accepted."""
    if server.security == "none" and server.host not in LOCAL_HOSTS:
        raise MailError("不加密的连接只允许本机的邮件服务器；请选择 SSL 或 STARTTLS")
    recipients = [address.strip() for address in str(message.get("To", "")).split(",") if address.strip()]
    if not recipients:
        raise MailError("没有收件人：请在设置中填写 mail_to")
    import smtplib  # here, not at the top: with ssl it takes 15 ms at every command's start
    import ssl

    try:
        if server.security == "ssl":
            client = smtplib.SMTP_SSL(server.host, server.port, timeout=timeout, context=ssl.create_default_context())
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=timeout)
        with client:
            if server.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            client.login(user, password)
            refused = client.send_message(message, to_addrs=recipients)
    except smtplib.SMTPAuthenticationError:
        raise MailError("邮箱登录失败：用户名或密码不对（QQ、163 等邮箱要用“授权码”，不是登录密码）") from None
    except smtplib.SMTPRecipientsRefused as error:
        raise MailError(f"收件人被服务器拒绝：{'、'.join(error.recipients)}") from None
    except smtplib.SMTPSenderRefused:
        raise MailError("发件人地址被服务器拒绝：发件人须与登录的邮箱一致") from None
    except (
        smtplib.SMTPServerDisconnected,
        smtplib.SMTPConnectError,
        TimeoutError,
        socket.gaierror,
        ConnectionError,
    ) as error:
        raise MailError(
            f"连不上邮件服务器 {server.host}:{server.port}（{error.__class__.__name__}）：请检查网络和服务器设置"
        ) from None
    except smtplib.SMTPException as error:  # (smtplib's errors are OSErrors too: this must come before OSError)
        raise MailError(f"邮件服务器拒绝了这封邮件：{error}") from None
    except OSError as error:
        raise MailError(f"连不上邮件服务器 {server.host}:{server.port}（{error}）") from None
    return [address for address in recipients if address not in refused]
