"""Build ShopGuard for this OS with PyInstaller, then run the built app's smoke test.

    python packaging/build.py            # dist/ShopGuard/ (Windows: ShopGuard.exe, macOS: ShopGuard.app)

Needs `pip install pyinstaller`. Prints the bundle size and how long each step took; exits non-zero if the
build or the smoke test fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from shopguard import __version__  # noqa: E402

VERSION_FILE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers=({v}, 0), prodvers=({v}, 0)),
  kids=[
    StringFileInfo([StringTable('080404B0', [
      StringStruct('CompanyName', 'ShopGuard'),
      StringStruct('FileDescription', 'ShopGuard 抖店时效管家'),
      StringStruct('FileVersion', '{s}'),
      StringStruct('ProductName', 'ShopGuard'),
      StringStruct('ProductVersion', '{s}')])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def windows_version_file(build_dir: Path) -> Path:
    numbers = ", ".join((__version__.split(".") + ["0", "0", "0"])[:3])
    path = build_dir / "version.txt"
    path.write_text(VERSION_FILE.format(v=numbers, s=__version__), encoding="utf-8")
    return path


def folder_size(folder: Path) -> tuple[int, int]:
    files = [path for path in folder.rglob("*") if path.is_file()]
    return sum(path.stat().st_size for path in files), len(files)


def main() -> int:
    build_dir = ROOT / "build"
    build_dir.mkdir(exist_ok=True)
    env = dict(os.environ)
    if sys.platform == "win32":
        env["SHOPGUARD_VERSION_FILE"] = str(windows_version_file(build_dir))
    started = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(ROOT / "dist"),
               "--workpath", str(build_dir / "pyinstaller"), str(ROOT / "packaging" / "shopguard.spec")]  # fmt: skip
    if subprocess.run(command, cwd=ROOT, env=env).returncode != 0:
        print("build failed", file=sys.stderr)
        return 1
    built = time.monotonic() - started
    bundle = ROOT / "dist" / "ShopGuard"
    program = bundle / ("ShopGuard.exe" if sys.platform == "win32" else "ShopGuard")
    size, count = folder_size(bundle)
    print(f"built {bundle} in {built:.0f} s: {size / 2**20:.0f} MB in {count} files")
    smoke_env = dict(env, QT_QPA_PLATFORM="offscreen")
    started = time.monotonic()
    result = subprocess.run([str(program), "--smoke-test"], env=smoke_env, capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    print(f"smoke test ({time.monotonic() - started:.1f} s): {output or '(no output)'}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
