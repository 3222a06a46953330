"""A web app served by uvicorn on a free loopback port, for the tests that need a real
server (a browser, concurrent clients, a process outside the test): `with serving(app) as url:`."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import uvicorn
from fastapi import FastAPI


@contextmanager
def serving(app: FastAPI, headers: dict[str, str] | None = None) -> Iterator[str]:
    """`app` in uvicorn on a free loopback port, once it answers /healthz (with `headers`,
    such as a token); its base URL. Stopped on leaving."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    wait_for(url, headers)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def wait_for(url: str, headers: dict[str, str] | None = None) -> None:
    """Until `url` answers /healthz at all; an AssertionError after 20 s."""
    for _ in range(200):
        try:
            httpx.get(f"{url}/healthz", headers=headers)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"{url} never answered")
