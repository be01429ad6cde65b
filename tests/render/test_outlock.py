"""The output-folder lock: outside the folder, one holder at a time, a bounded wait that says so."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from zsdk_generator.diagnostics import SpecError
from zsdk_generator.outlock import hold, lock_file


def test_the_lock_file_lives_outside_the_folder_and_every_spelling_shares_it(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    path = lock_file(tmp_path / "real")
    assert path == lock_file(tmp_path / "link") == lock_file(tmp_path / "real" / ".." / "real")
    assert tmp_path not in path.parents
    assert lock_file(tmp_path / "other") != path
    with hold([tmp_path / "sdk"], timeout=0):
        assert not (tmp_path / "sdk").exists()  # taking the lock does not make the folder


def test_a_second_run_stops_with_a_clear_message_after_the_timeout(tmp_path: Path) -> None:
    with hold([tmp_path / "b", tmp_path / "a"], timeout=0):
        with pytest.raises(SpecError) as stopped, hold([tmp_path / "a"], timeout=0):
            pass
        assert f"another zsdk-generator run (pid {os.getpid()}) is writing this folder" in str(stopped.value)
        assert "--lock-timeout" in str(stopped.value) and stopped.value.diagnostic.file == str(tmp_path / "a")
        with pytest.raises(SpecError), hold([tmp_path / "b"], timeout=0.2):
            pass
    with hold([tmp_path / "a", tmp_path / "b"], timeout=0):
        pass  # released when the first run ended


def test_a_waiting_run_says_so_and_goes_on_when_the_holder_ends(tmp_path: Path) -> None:
    waited = threading.Event()
    done: list[str] = []

    def second() -> None:
        with hold([tmp_path], timeout=60, waiting=lambda folder, holder: waited.set()):
            done.append("locked")

    with hold([tmp_path], timeout=0):
        thread = threading.Thread(target=second)
        thread.start()
        assert waited.wait(30)
        assert not done
    thread.join(30)
    assert done == ["locked"]
