"""Worker processes for CPU-bound pure functions, each call within a wall-clock budget.

A call runs in one of `workers` long-lived child processes (forkserver, with the parsing
and extraction modules preloaded, so replacing a worker costs a fork, not an import).
A call past its budget kills its worker, which is replaced at the next call: a runaway
parse (a quadratic page, a pathological feed) stops burning CPU at once instead of
holding a thread until it returns. The parent's end of each worker's socket is
non-blocking and read by the event loop, which never blocks on it. Each worker's
address space is capped too (MEMORY_LIMIT), so a memory bomb in a parser is a
MemoryError there, not here.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import multiprocessing
import pickle
import resource
import socket
import struct
import weakref
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from monitor.errors import ErrorKind, MonitorError, ParseError

T = TypeVar("T")
MEMORY_LIMIT = 1024 * 1024 * 1024  # bytes of address space per worker
STARTUP_S = 60.0  # a fork from the forkserver; generous for a loaded machine
_PRELOAD = ["monitor.sources.parse", "monitor.extract", "monitor.sources.offload"]


class BudgetExceeded(ParseError):
    """The call ran past its budget; its worker was killed."""


def _serve(conn: Connection) -> None:
    """The worker's loop: (fn, args, kwargs) in, ("ok", value) or an error out."""
    with contextlib.suppress(ValueError, OSError):  # a lower hard limit already holds
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    conn.send(("ready",))
    while True:
        try:
            fn, args, kwargs = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone or closed the pipe
        try:
            reply: tuple[Any, ...] = ("ok", fn(*args, **kwargs))
        except MonitorError as exc:
            reply = ("monitor", str(exc), str(exc.kind))
        except BaseException as exc:  # a bug: sent back to be reported as such
            reply = ("other", type(exc).__name__, str(exc)[:2000])
        try:
            conn.send(reply)
        except Exception as exc:  # an unpicklable result
            conn.send(("other", type(exc).__name__, str(exc)[:2000]))


class _Worker:
    """One worker process and the parent's end of its socket pair.

    The parent's end is non-blocking and driven by the event loop (`call`): a call is a
    send and an awaited read, where a thread waiting on a blocking pipe cost a thread
    hop, a future chained back to the loop and a GIL hand-over each way (about 100 us
    of a call's 140 us when the payload is small). The worker keeps a plain
    multiprocessing Connection: the bytes on the wire are its framing (`_frame`)."""

    def __init__(self, ctx: multiprocessing.context.BaseContext) -> None:
        mine, theirs = socket.socketpair()
        child = Connection(theirs.detach())
        self.sock = mine
        self.process: BaseProcess = ctx.Process(  # type: ignore[attr-defined]
            target=_serve, args=(child,), daemon=True, name="monitor-parse"
        )
        try:
            self.process.start()
        except BaseException:
            mine.close()
            raise
        finally:
            child.close()

    def ready(self) -> None:
        """Wait (in a thread) for the new worker to be up: not part of any call's budget."""
        self.sock.settimeout(STARTUP_S)
        try:
            up = _read_blocking(self.sock) == ("ready",)
        except (OSError, EOFError):
            up = False
        if not up:
            raise OSError(f"parse worker not up within {STARTUP_S:g} s")
        self.sock.setblocking(False)

    async def call(self, loop: asyncio.AbstractEventLoop, payload: tuple[Any, ...]) -> Any:
        data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        await loop.sock_sendall(self.sock, _frame(len(data)) + data)
        # One message comes back per call; read until it is whole.
        buf = bytearray()
        start, size = 0, -1
        while size < 0 or len(buf) < start + size:
            chunk = await loop.sock_recv(self.sock, max(_READ, start + size - len(buf)))
            if not chunk:
                raise EOFError("the worker closed its end")
            buf += chunk
            if size < 0:
                start, size = _unframe(buf)
        return pickle.loads(memoryview(buf)[start : start + size])

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.sock.close()


_READ = 256 * 1024  # bytes asked of the socket per read: a page's reply in one


def _frame(size: int) -> bytes:
    """multiprocessing.Connection's header for a message of `size` bytes."""
    if size > 0x7FFFFFFF:
        return struct.pack("!iQ", -1, size)
    return struct.pack("!i", size)


def _unframe(buf: bytearray) -> tuple[int, int]:
    """(offset, size) of the message whose header starts `buf`; size -1: not all here."""
    if len(buf) < 4:
        return 0, -1
    (size,) = struct.unpack_from("!i", buf)
    if size != -1:
        return 4, size
    if len(buf) < 12:
        return 0, -1
    (size,) = struct.unpack_from("!Q", buf, 4)
    return 12, size


def _read_blocking(sock: socket.socket) -> Any:
    """One message from a blocking socket (a new worker's greeting)."""
    buf = bytearray()
    start, size = 0, -1
    while size < 0 or len(buf) < start + size:
        chunk = sock.recv(_READ)
        if not chunk:
            raise EOFError("the worker closed its end")
        buf += chunk
        if size < 0:
            start, size = _unframe(buf)
    return pickle.loads(memoryview(buf)[start : start + size])


def _stop_all(workers: list[_Worker]) -> None:
    for w in workers:
        w.kill()
    workers.clear()


class ProcessPool:
    """`await pool.run(fn, *args, budget_s=..., **kwargs)`: fn(*args, **kwargs) in a worker."""

    def __init__(self, workers: int = 2) -> None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        self._ctx = ctx
        self._idle: list[_Worker] = []
        self._all: list[_Worker] = []
        self._slots = asyncio.Semaphore(workers)
        # Threads for starting workers and reaping killed ones (both block); calls
        # themselves run on the event loop.
        self._threads = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="parse-wait"
        )
        self._finalizer = weakref.finalize(self, _stop_all, self._all)

    @property
    def pids(self) -> list[int]:
        """The live workers' process ids."""
        return [w.process.pid for w in self._all if w.process.pid is not None]

    async def run(
        self, fn: Callable[..., T], *args: Any, budget_s: float, url: str, **kwargs: Any
    ) -> T:
        async with self._slots:
            loop = asyncio.get_running_loop()
            worker = self._idle.pop() if self._idle else await self._start(loop)
            try:
                async with asyncio.timeout(budget_s):
                    reply = await worker.call(loop, (fn, args, kwargs))
            except TimeoutError:
                self._retire(worker)
                raise BudgetExceeded(
                    f"took more than {budget_s:g} s; its worker was stopped", url=url
                ) from None
            except (EOFError, OSError) as exc:
                self._retire(worker)
                raise ParseError(f"parse worker died ({exc or 'killed'})", url=url) from None
            except BaseException:
                self._retire(worker)  # cancelled mid-call: the worker may still be busy
                raise
            self._idle.append(worker)
        value: T = _unpack(reply, url)
        return value

    async def _start(self, loop: asyncio.AbstractEventLoop) -> _Worker:
        # In a thread: starting a worker waits for the forkserver (which imports the
        # parsers once, seconds on a loaded machine) and for the worker to be up.
        return await loop.run_in_executor(self._threads, self._spawn)

    def _spawn(self) -> _Worker:
        worker = _Worker(self._ctx)
        self._all.append(worker)
        try:
            worker.ready()
        except BaseException:
            self._retire(worker)
            raise
        return worker

    def _retire(self, worker: _Worker) -> None:
        # The signal at once; the wait for the process to go in a thread, not on the loop.
        if worker.process.is_alive():
            worker.process.kill()
        try:
            self._threads.submit(worker.kill)
        except RuntimeError:  # closed: nothing else waits now
            worker.kill()
        if worker in self._all:
            self._all.remove(worker)

    def close(self) -> None:
        _stop_all(self._all)
        self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)


def _unpack(reply: tuple[Any, ...], url: str) -> Any:
    tag = reply[0]
    if tag == "ok":
        return reply[1]
    if tag == "monitor":
        raise ParseError(reply[1], kind=ErrorKind(reply[2]))
    if reply[1] in ("RecursionError", "MemoryError"):
        raise ParseError(f"{reply[1]}: too deep or too big to parse", url=url)
    raise RuntimeError(f"{reply[1]}: {reply[2]}")  # a bug in the parser: internal_error
