"""A TCP proxy on 127.0.0.1 that can freeze or cut: a Redis that hangs, or a PostgreSQL that
goes away, without touching the real server.

While frozen it behaves like a server stopped with SIGSTOP: connections are accepted and
requests are taken in, but nothing is forwarded or answered until it thaws. With no upstream
it is frozen for good: a server that accepts connections and never answers. While cut it
behaves like a server that went down: every open connection is dropped and each new one is
closed as soon as it is accepted, until it is restored. The load test (bench/load_join.py
--redis-url), the tests of the cache's circuit breaker and the test of the task worker losing
PostgreSQL use it; the servers behind it, shared with other users of the machine, are never
stopped.

Only the standard library; every socket is on 127.0.0.1.
"""

import socket
import threading
import time

HOST = "127.0.0.1"
CHUNK = 65536
POLL_SECONDS = 0.01


class FreezableProxy:
    """Forwards connections to ``upstream`` (host, port), or holds them while frozen."""

    def __init__(self, upstream=None):
        self.upstream = upstream
        self.thawed = threading.Event()
        if upstream is not None:
            self.thawed.set()
        self.closed = threading.Event()
        self.refusing = threading.Event()
        self.sockets = []
        self.accepted = 0  # connections clients have opened, answered or not
        self.lock = threading.Lock()
        self.listener = socket.create_server((HOST, 0), backlog=256)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, db=0):
        return f"redis://{HOST}:{self.port}/{db}"

    def freeze(self):
        self.thawed.clear()

    def thaw(self):
        if self.upstream is None:
            raise RuntimeError("a proxy with no upstream stays frozen")
        self.thawed.set()

    def cut(self):
        """Drop every open connection, and refuse new ones until ``restore``."""
        self.refusing.set()
        with self.lock:
            dropped, self.sockets = self.sockets, []
        for sock in dropped:
            _drop(sock)

    def restore(self):
        self.refusing.clear()

    @property
    def frozen(self):
        return not self.thawed.is_set()

    def close(self):
        self.closed.set()
        self.thawed.set()  # wakes the waiting pumps, which then find the sockets closed
        with self.lock:
            for sock in [self.listener, *self.sockets]:
                try:
                    sock.close()
                except OSError:
                    pass

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    def _keep(self, sock):
        with self.lock:
            self.sockets.append(sock)
        return sock

    def _accept(self):
        while not self.closed.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            with self.lock:
                self.accepted += 1
            if self.refusing.is_set():
                _drop(client)
                continue
            self._keep(client)
            threading.Thread(target=self._connect, args=(client,), daemon=True).start()

    def _wait_until_thawed(self):
        while not self.thawed.wait(POLL_SECONDS):
            if self.closed.is_set():
                return False
        return not self.closed.is_set()

    def _connect(self, client):
        # A connection made while frozen is accepted and then left unanswered.
        if not self._wait_until_thawed():
            return
        try:
            server = self._keep(socket.create_connection(self.upstream, timeout=5))
            server.settimeout(None)
        except OSError:
            client.close()
            return
        if self.refusing.is_set():  # cut while it connected
            _drop(server)
            _drop(client)
            return
        threading.Thread(target=self._pump, args=(server, client), daemon=True).start()
        self._pump(client, server)

    def _pump(self, source, target):
        try:
            while True:
                data = source.recv(CHUNK)
                if not data or not self._wait_until_thawed():
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                try:
                    sock.close()
                except OSError:
                    pass


def _drop(sock):
    """Close ``sock`` at once; a pump blocked reading it wakes up with nothing."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


def hang_during(proxy, start, seconds, stop, times):
    """Freeze ``proxy`` ``start`` seconds from now for ``seconds`` (or until ``stop`` is set),
    appending the wall-clock times it froze and thawed to ``times``."""
    if stop.wait(start):
        return
    proxy.freeze()
    times.append(time.time())
    stop.wait(seconds)
    proxy.thaw()
    times.append(time.time())
