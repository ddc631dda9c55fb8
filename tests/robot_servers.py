"""A real HTTP server on 127.0.0.1 standing in for a group robot: it records every request and answers as told
(a JSON reply, an HTTP error, or nothing at all until the client gives up)."""

from __future__ import annotations

import json
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Received:
    path: str
    raw_query: str  # as it arrived, still URL-encoded
    query: dict[str, str]
    body: bytes
    headers: dict[str, str]

    @property
    def json(self) -> dict:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class RobotServer:
    reply: dict = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})
    status: int = 200
    hang: float = 0.0  # seconds to wait before answering
    raw_reply: bytes | None = None
    received: list[Received] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> RobotServer:
        robot = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (the http.server name)
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                parts = urllib.parse.urlsplit(self.path)
                query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
                robot.received.append(Received(parts.path, parts.query, query, body, dict(self.headers)))
                if robot.hang:
                    robot.release.wait(robot.hang)
                payload = robot.raw_reply if robot.raw_reply is not None else json.dumps(robot.reply).encode()
                try:
                    self.send_response(robot.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up waiting

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
