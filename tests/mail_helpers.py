"""Stand-ins for what a test machine lacks (an OS credential store) and a real SMTP server on 127.0.0.1."""

import socket

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from keyring.backend import KeyringBackend

from shopguard.core.settings import MailServer

USER, PASSWORD = "shop@example.com", "right"


class MemoryKeyring(KeyringBackend):
    """Stands in for the OS credential store (this machine has none)."""

    priority = 1

    def __init__(self):
        self.secrets = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        self.secrets.pop((service, username), None)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)  # handled=False: the server itself answers 535


def start_smtp_server():
    """(inbox, server settings, controller): a real SMTP server on 127.0.0.1 that wants USER/PASSWORD."""
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=free_port(), authenticator=_authenticate, auth_require_tls=False
    )
    controller.start()
    return inbox, MailServer("127.0.0.1", controller.port, "none"), controller
