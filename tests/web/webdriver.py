"""A small W3C WebDriver client over httpx, for driving Debian's headless Chromium."""

from __future__ import annotations

import asyncio
import base64
import socket
import subprocess
from pathlib import Path
from typing import Any

import httpx

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1280,1000",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Browser:
    """One chromedriver process and one browser session; `async with` cleans both up."""

    def __init__(self, profile: Path, *, timeout: float = 30.0):
        self.profile = profile
        self.port = free_port()
        self.http = httpx.AsyncClient(base_url=f"http://127.0.0.1:{self.port}", timeout=timeout)
        self.proc: subprocess.Popen[bytes] | None = None
        self.session = ""

    async def __aenter__(self) -> Browser:
        self.proc = subprocess.Popen(
            [str(CHROMEDRIVER), f"--port={self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                if (await self.http.get("/status")).json()["value"]["ready"]:
                    break
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.1)
        caps = {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": str(CHROMIUM),
                "args": [*FLAGS, f"--user-data-dir={self.profile}"],
            },
            "timeouts": {"pageLoad": 20_000, "script": 5_000, "implicit": 5_000},
        }
        value = await self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}})
        self.session = value["sessionId"]
        return self

    async def __aexit__(self, *exc: object) -> None:
        try:
            if self.session:
                await self.http.delete(f"/session/{self.session}")
        finally:
            await self.http.aclose()
            if self.proc is not None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()

    async def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        r = await self.http.request(method, path, json=body)
        data = r.json()
        if r.status_code != 200:
            raise AssertionError(f"webdriver {method} {path}: {data}")
        return data["value"]

    async def _s(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return await self._call(method, f"/session/{self.session}{path}", body)

    async def go(self, url: str) -> None:
        await self._s("POST", "/url", {"url": url})

    async def url(self) -> str:
        return str(await self._s("GET", "/url"))

    async def wait_url(self, suffix: str, timeout: float = 10.0) -> str:
        """The current URL once it ends with `suffix`: a click's navigation completes
        after the click returns, later on a loaded machine."""
        deadline = asyncio.get_running_loop().time() + timeout
        url = await self.url()
        while not url.endswith(suffix) and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.05)
            url = await self.url()
        return url

    async def find(self, css: str) -> str:
        found = await self._s("POST", "/element", {"using": "css selector", "value": css})
        return str(found[ELEMENT])

    async def find_all(self, css: str) -> list[str]:
        found = await self._s("POST", "/elements", {"using": "css selector", "value": css})
        return [str(f[ELEMENT]) for f in found]

    async def text(self, element: str) -> str:
        return str(await self._s("GET", f"/element/{element}/text"))

    async def type(self, element: str, text: str) -> None:
        await self._s("POST", f"/element/{element}/value", {"text": text})

    async def click(self, element: str) -> None:
        await self._s("POST", f"/element/{element}/click", {})

    async def css(self, element: str, prop: str) -> str:
        return str(await self._s("GET", f"/element/{element}/css/{prop}"))

    async def screenshot(self, path: Path) -> bytes:
        png = base64.b64decode(await self._s("GET", "/screenshot"))
        path.write_bytes(png)
        return png

    async def execute(self, script: str, *args: Any) -> Any:
        return await self._s("POST", "/execute/sync", {"script": script, "args": list(args)})

    async def resize(self, width: int, height: int) -> None:
        await self._s("POST", "/window/rect", {"width": width, "height": height})

    async def cdp(self, command: str, params: dict[str, Any]) -> Any:
        """A Chrome DevTools command through chromedriver (emulated media, for one)."""
        return await self._s("POST", "/goog/cdp/execute", {"cmd": command, "params": params})
