"""`kuzet serve` and `kuzet user` as an admin runs them: a first admin with a one-time password, users with roles."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx2 as httpx

from kuzet.store.db import Database
from kuzet.web.auth import authenticate
from tests.conftest import run_kuzet


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_first_serve_creates_an_admin_with_a_random_password(tmp_path) -> None:
    db, port = tmp_path / "desk.db", _port()
    proc = subprocess.Popen([sys.executable, "-m", "kuzet", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = proc.stdout.readline()
        password = re.search(r"password: (\S+)", first).group(1)
        assert len(password) >= 12
        for _ in range(100):
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert page.status_code == 200 and "Sign in" in page.text
        r = httpx.post(f"http://127.0.0.1:{port}/login", data={"name": "admin", "password": password})
        assert r.status_code == 303 and r.headers["location"] == "/"
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        proc.stdout.close()
    again = subprocess.Popen([sys.executable, "-m", "kuzet", "serve", "--db", str(db), "--port", str(_port())],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert "password" not in again.stdout.readline(), "the admin is created once, its password never shown again"
    finally:
        again.terminate()
        again.wait(timeout=20)
        again.stdout.close()


def test_user_add_prints_a_password_that_signs_in_and_refuses_bad_roles(tmp_path) -> None:
    db = tmp_path / "desk.db"
    out = run_kuzet("user", "add", "Жансая", "--role", "editor", "--db", str(db))
    assert out.returncode == 0, out.stderr
    password = re.search(r"password: (\S+)", out.stdout.decode()).group(1)
    bad = run_kuzet("user", "add", "x", "--role", "boss", "--db", str(db))
    assert bad.returncode == 1 and b"unknown role 'boss'" in bad.stderr and b"Traceback" not in bad.stderr
    dup = run_kuzet("user", "add", "Жансая", "--db", str(db))
    assert dup.returncode == 1 and "exists already" in dup.stderr.decode()
    database = Database(f"sqlite:///{db}")
    try:
        with database.sessions() as s:
            user = authenticate(s, "Жансая", password)
            assert user is not None and user.role == "editor"
            assert authenticate(s, "Жансая", password + "x") is None
    finally:
        database.close()
