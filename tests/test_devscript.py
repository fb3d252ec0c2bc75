"""scripts/dev.py: what it does on a machine that lacks system packages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import dev  # noqa: E402


def test_nothing_missing_means_nothing_runs(monkeypatch) -> None:
    monkeypatch.setattr(dev, "SYSTEM_NEEDS", [("x", lambda: True, "a", "b", "c")])
    monkeypatch.setattr(dev, "run", lambda *a, **k: pytest.fail("ran a command"))
    dev.ensure_system()


def test_without_rights_it_prints_the_commands_and_stops(monkeypatch, capsys) -> None:
    monkeypatch.setattr(dev, "SYSTEM_NEEDS", [
        ("a C compiler", lambda: False, "build-essential", "gcc", ""),
        ("Pango", lambda: False, "libpango-1.0-0", "pango", "pango")])
    monkeypatch.setattr(dev.shutil, "which", lambda name: None)  # no apt-get, no sudo
    with pytest.raises(SystemExit) as exc:
        dev.ensure_system()
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "sudo apt-get install build-essential libpango-1.0-0" in err
    assert "sudo dnf install gcc pango" in err and "brew install pango" in err


def test_as_root_it_installs_with_apt(monkeypatch) -> None:
    state = {"installed": False}
    monkeypatch.setattr(dev, "SYSTEM_NEEDS", [
        ("Pango", lambda: state["installed"], "libpango-1.0-0", "pango", "pango")])
    monkeypatch.setattr(dev.shutil, "which", lambda name: "/usr/bin/" + name)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0)
    ran: list[tuple[str, ...]] = []

    def fake_run(*cmd: object, env: object = None) -> None:
        ran.append(tuple(str(c) for c in cmd))
        if "install" in ran[-1]:
            state["installed"] = True

    monkeypatch.setattr(dev, "run", fake_run)
    dev.ensure_system()
    assert ran == [("apt-get", "update", "-qq"),
                   ("apt-get", "install", "-y", "-qq", "libpango-1.0-0")]
