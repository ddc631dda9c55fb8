"""The bundled demo: sample exports and the fixed moment they are judged at."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from shopguard.core.clock import BEIJING
from shopguard.core.resources import demo_dir
from shopguard.core.settings import EngineSettings

# Mid Double 11 2023, so daily and promo rules both show.
DEMO_AS_OF = datetime(2023, 11, 12, 10, 0, 0, tzinfo=BEIJING)
DEMO_SETTINGS = EngineSettings(merchant="domestic", promise="48h", shop_province="浙江省")


def demo_files() -> list[Path]:
    return sorted(path for path in demo_dir().iterdir() if path.suffix in (".csv", ".xlsx"))
