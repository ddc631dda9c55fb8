"""What packaging relies on: one way to find resources in every layout, portable mode, the smoke test."""

import sys
from pathlib import Path

from shopguard.core import datadir
from shopguard.core.resources import candidate_dirs, resource_dir


def layout(root: Path, where: str) -> Path:
    folder = root / where
    (folder / "rules").mkdir(parents=True)
    return folder


def first_with_rules(candidates):
    return next(path for path in candidates if (path / "rules").is_dir())


def test_resources_are_found_in_a_checkout_a_wheel_and_a_bundle(tmp_path):
    assert (resource_dir() / "rules" / "douyin-double11-2023.toml").exists()  # this checkout
    wheel = tmp_path / "venv"
    module = wheel / "lib" / "site-packages" / "shopguard" / "core" / "resources.py"
    expected = layout(wheel, "share/shopguard")
    assert first_with_rules(candidate_dirs(str(module), None, str(wheel))) == expected
    bundle = tmp_path / "ShopGuard" / "_internal"
    frozen_module = bundle / "shopguard" / "core" / "resources.py"
    expected = layout(bundle, "resources")
    assert first_with_rules(candidate_dirs(str(frozen_module), str(bundle), str(tmp_path / "nowhere"))) == expected


def test_portable_marker_keeps_the_data_beside_the_program(tmp_path, monkeypatch):
    monkeypatch.delenv("SHOPGUARD_HOME")
    program = tmp_path / "ShopGuard" / "ShopGuard.exe"
    program.parent.mkdir()
    program.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    assert datadir.portable_dir() is None  # no marker: the per-user folder
    (program.parent / "portable.txt").write_text("", encoding="utf-8")
    assert datadir.data_dir() == program.parent / "ShopGuardData"
    assert datadir.data_dir(tmp_path / "flag") == tmp_path / "flag"  # the flag still wins


def test_the_smoke_test_renders_the_demo_window(capsys):
    from shopguard.cli import main

    assert main(["--smoke-test"]) == 0
    assert "smoke test passed: demo window with 39 clocks" in capsys.readouterr().out
