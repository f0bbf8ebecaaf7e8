"""A run killed with SIGKILL mid-way leaves a consistent database, and the same command then finishes it (on
each backend)."""

import os
import signal
import subprocess
import sys
import time

from tests.conftest import CORPUS
from wiretrace.store.backends import database_errors, is_postgres
from wiretrace.store.database import connect


def _count(db):
    try:
        conn = connect(db, readonly=True, timeout=5) if not is_postgres(db) else connect(db, readonly=True)
    except (*database_errors(), ValueError):
        return 0
    try:
        return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except database_errors():
        return 0
    finally:
        conn.close()


def test_sigkill_mid_run_then_rerun_completes(db):
    cmd = [sys.executable, "-m", "wiretrace.cli", "analyze", str(CORPUS), "--db", db, "--quiet"]
    env = dict(os.environ, WIRETRACE_BATCH_SIZE="1")  # commit article by article
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and _count(db) < 3 and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    stored = _count(db)
    assert stored >= 3
    conn = connect(db, readonly=True)
    if not is_postgres(db):
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    orphans = conn.execute("SELECT COUNT(*) FROM claims WHERE article_id NOT IN (SELECT id FROM articles)").fetchone()[0]
    assert orphans == 0
    conn.close()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    total = _count(db)
    assert total > stored and f"{stored} unchanged" in done.stderr
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert "0 analysed" in again.stderr and _count(db) == total
