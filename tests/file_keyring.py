"""A keyring backend kept in a JSON file, for tests: chosen through PYTHON_KEYRING_BACKEND as a merchant's
machine chooses its own backend, so a `shopguard` process and the test read the same secrets.

PYTHON_KEYRING_BACKEND=tests.file_keyring.FileKeyring  SHOPGUARD_TEST_KEYRING=/tmp/.../keyring.json
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = 1

    @property
    def path(self) -> Path:
        return Path(os.environ["SHOPGUARD_TEST_KEYRING"])

    def _read(self) -> dict:
        return json.loads(self.path.read_text(encoding="utf-8")) if self.path.exists() else {}

    def get_password(self, service, username):
        return self._read().get(f"{service}\x1f{username}")

    def set_password(self, service, username, password):
        secrets = self._read()
        secrets[f"{service}\x1f{username}"] = password
        self.path.write_text(json.dumps(secrets, ensure_ascii=False), encoding="utf-8")

    def delete_password(self, service, username):
        secrets = self._read()
        if secrets.pop(f"{service}\x1f{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(secrets, ensure_ascii=False), encoding="utf-8")
