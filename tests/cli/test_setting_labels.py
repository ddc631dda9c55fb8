"""What `shopguard settings` says each setting does."""

from tests.processes import run


def test_the_backups_setting_says_backups_are_taken_before_and_after_each_import(tmp_path):
    """Its label said 「每次导入前」, but since backups are also taken after each import that was half the truth."""
    listed = run("settings", "--data-dir", tmp_path / "data").stdout
    (line,) = [line for line in listed.splitlines() if line.startswith("backups_kept")]
    assert line == "backups_kept = 5\t# 自动备份保留几份（每次导入前后各备份一次，只留最新的几份；0 = 不备份）"
