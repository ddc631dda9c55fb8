"""The window (PySide6). Everything here is presentation over shopguard.core."""
