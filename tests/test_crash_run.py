"""A bounded crash test (issue 14; bench/crash.py runs 20 kills): a real `monitor run`
SIGKILLed 5 times during ingest and delivery, then one clean run; every story listed is
stored once and every alert delivered at least once, repeats under the same webhook-id."""

from __future__ import annotations

from pathlib import Path

from tests.support.crash import run_crash


def test_five_sigkills_during_ingest_and_delivery_lose_nothing(db_url: str, tmp_path: Path) -> None:
    result = run_crash(
        tmp_path,
        db_url,
        kills=5,
        stories=7,
        ingest_kill_s=(3.5, 6.0),
        send_wait_s=15.0,
        final_wait_s=40.0,
        log=lambda _line: None,
    )
    log = (tmp_path / "worker.log").read_text(errors="replace")
    report = "\n".join([*result.lines(), "worker log, last lines:", *log.splitlines()[-30:]])
    assert result.mid_send >= 1, report  # at least one kill landed mid-delivery
    assert result.stored == result.stories == 7, report
    assert result.duplicates == 0, report
    assert result.delivered == result.expected == 7, report
