"""A keep-alive HTTP server in a process of its own, for benchmarks that count client CPU.

Serves realistic article pages (about 80 KB: scripts, styles, menus, share bars, comment
prompts around a 6-8 KB story; one in `--relevant-every` about troops for Ukraine), RSS
feeds listing them, and feeds that answer 304 to `If-None-Match: "v1"`. Its CPU is not the
client's: run it as `python bench/loadserver.py --pages N`; it prints its port, then serves
until killed. Paths:

    /mix.xml        RSS of /m/0 .. /m/N-1 (one in --relevant-every relevant)
    /rel.xml        RSS of /r/0 .. /r/N-1 (all relevant)
    /one/<i>.xml    RSS of /r/<i> alone
    /c/<k>.xml      an empty RSS feed with ETag "v1"; 304 when the client sends it back
    /robots.txt     404 (everything allowed)
"""

from __future__ import annotations

import argparse
import asyncio
import random

COUNTRIES = ["France", "Poland", "Canada", "Japan", "Spain", "Norway", "Italy", "Estonia"]
CUES = [
    "is ready to send troops to Ukraine once a ceasefire holds",
    "does not rule out deploying soldiers to Ukraine as part of a reassurance force",
    "says it is premature to discuss sending forces to Ukraine",
    "will not send troops to Ukraine, the government said",
]
OTHER = [
    "Ministers met in Brussels to discuss the reconstruction of the energy grid, the price "
    "of gas and the timetable for new sanctions on shipping and banks.",
    "The central bank held its rate and said inflation would ease next year as energy "
    "prices fall and wages catch up with the cost of living.",
    "The home side deployed a back three and held firm until the final whistle, when the "
    "crowd celebrated a narrow win that keeps them in the race for the title.",
    "Regional officials opened a new rail link and promised faster trains, cheaper tickets "
    "and a timetable that suits commuters as well as freight operators.",
]
FILLER = (
    "Diplomats said talks would continue next week, and officials declined to give details "
    "of the draft text, which has been circulated among delegations since the summer."
)


def article(i: int, relevant: bool) -> bytes:
    rng = random.Random(i * 2 + relevant)
    paras = []
    for k in range(14):
        if relevant and k in (1, 6):
            said = f"{rng.choice(COUNTRIES)} {rng.choice(CUES)}, the defence minister said."
            paras.append(f"<p>{said} {FILLER}</p>")
        else:
            paras.append(f"<p>{rng.choice(OTHER)} {FILLER} Item {i}.{k} {rng.random():.8f}.</p>")
    title = f"Story {i}: {'troops and Ukraine' if relevant else 'markets and more'}"
    menu = "".join(f"<li><a href='/section/{k}'>Section {k}</a></li>" for k in range(120))
    script = "<script>var cfg = {" + ",".join(f'"k{k}": {k}' for k in range(2400)) + "};</script>"
    style = "<style>" + "".join(f".c{k}{{margin:{k}px}}" for k in range(1500)) + "</style>"
    share = "<div class='share'>Share on social media. Log in to write a comment.</div>"
    related = "".join(f"<li><a href='/a/{k}'>Related headline {k}</a></li>" for k in range(80))
    return (
        f"<!doctype html><html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2026-01-05T08:00:00Z">'
        f'<meta name="description" content="{title}">{style}{script}</head><body>'
        f"<header><nav><ul>{menu}</ul></nav></header><main><article><h1>{title}</h1>"
        f"{share}{''.join(paras)}{share}</article><aside><ul>{related}</ul></aside></main>"
        "<footer>Legal Disclaimer. Already a subscriber? © Bench News</footer></body></html>"
    ).encode()


def rss(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{u}</link></item>" for n, u in enumerate(links)
    )
    return f"<rss version='2.0'><channel><title>Bench</title>{items}</channel></rss>".encode()


def _response(status: str, body: bytes, ctype: str, etag: str | None = None) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n"
    if etag:
        head += f'ETag: "{etag}"\r\n'
    return head.encode() + b"\r\n" + body


class _Site:
    def __init__(self, base: str, pages: int, relevant_every: int) -> None:
        self.routes: dict[str, bytes] = {}
        for prefix, every in (("m", relevant_every), ("r", 1)):
            links = []
            for i in range(pages):
                self.routes[f"/{prefix}/{i}"] = _response(
                    "200 OK", article(i, i % every == 0), "text/html; charset=utf-8"
                )
                links.append(f"{base}/{prefix}/{i}")
                if prefix == "r":
                    self.routes[f"/one/{i}.xml"] = _response(
                        "200 OK", rss(links[-1:]), "application/rss+xml"
                    )
            feed = "mix" if prefix == "m" else "rel"
            self.routes[f"/{feed}.xml"] = _response("200 OK", rss(links), "application/rss+xml")
        self.empty = _response("200 OK", rss([f"{base}/m/0"]), "application/rss+xml", etag="v1")
        self.not_modified = b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: 0\r\n\r\n'
        self.missing = _response("404 Not Found", b"", "text/plain")

    def answer(self, head: bytes) -> bytes:
        line, _, rest = head.partition(b"\r\n")
        path = line.split(b" ")[1].decode()
        if path.startswith("/c/"):
            return self.not_modified if b'if-none-match: "v1"' in rest.lower() else self.empty
        return self.routes.get(path, self.missing)


class _Protocol(asyncio.Protocol):
    site: _Site

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self._buffer = b""

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        while (end := self._buffer.find(b"\r\n\r\n")) >= 0:
            head, self._buffer = self._buffer[:end], self._buffer[end + 4 :]
            self._transport.write(self.site.answer(head))


async def serve(pages: int, relevant_every: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Protocol, "127.0.0.1", 0, backlog=2048)
    port = server.sockets[0].getsockname()[1]
    _Protocol.site = _Site(f"http://127.0.0.1:{port}", pages, relevant_every)
    print(port, flush=True)
    await server.serve_forever()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--relevant-every", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(serve(args.pages, args.relevant_every))


if __name__ == "__main__":
    main()
