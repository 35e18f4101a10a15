"""One window per library: a second start hands its files to the first and leaves.

A lock file next to the database decides who is first (QLockFile notices a stale lock left
by a crash); the first instance listens on a local socket named after the database, and a
later one sends it the files to open.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 1000
ATTEMPTS = 3


def server_name(db_path: Path) -> str:
    """The local socket name of the window using ``db_path``."""
    digest = hashlib.sha256(str(db_path.resolve()).encode()).hexdigest()[:16]
    return f"newsdesk-{digest}"


class InstanceGuard(QObject):
    """Holds the library's window lock and serves file requests from later starts.

    Args:
        db_path: The library database.

    Signals:
        files_received: Another start asked this window to open these files (list of Path).
    """

    files_received = Signal(list)

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = server_name(db_path)
        db_path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(db_path.with_name(db_path.name + ".window-lock")))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never an old one
        self._server: QLocalServer | None = None
        self._buffers: dict[QLocalSocket, bytes] = {}

    def acquire(self) -> bool:
        """Take the lock and listen; False when another window has this library."""
        if not self._lock.tryLock(0):
            return False
        # A crashed owner can leave its socket file behind; we hold the lock, so it is stale.
        QLocalServer.removeServer(self._name)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self._name):
            log.warning("cannot listen for other starts: %s", self._server.errorString())
            return True
        self._server.newConnection.connect(self._accept)
        return True

    def owner_pid(self) -> int | None:
        """The process id of the window holding the lock, if known."""
        info = self._lock.getLockInfo()
        # PySide returns (ok, pid, hostname, appname); stubs disagree on the length.
        ok, pid = info[0], info[1]
        return int(pid) if ok else None

    def forward(self, files: list[Path]) -> bool:
        """Send ``files`` to the window that holds the lock (its window comes to the front)."""
        payload = json.dumps({"files": [str(p.resolve()) for p in files]}).encode() + b"\n"
        for attempt in range(ATTEMPTS):
            socket = QLocalSocket()
            socket.connectToServer(self._name)
            if socket.waitForConnected(CONNECT_MS):
                socket.write(payload)
                socket.flush()
                socket.waitForBytesWritten(CONNECT_MS)
                socket.disconnectFromServer()
                if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
                    socket.waitForDisconnected(CONNECT_MS)
                return True
            log.info(
                "attempt %d to reach the first window failed: %s", attempt + 1, socket.errorString()
            )
            # The first window may hold the lock and not yet listen.
            time.sleep(0.2)
        return False

    def release(self) -> None:
        """Stop listening and unlock (on close)."""
        for socket in list(self._buffers):
            socket.abort()
        self._buffers.clear()
        if self._server is not None:
            self._server.close()
            self._server = None
        if self._lock.isLocked():
            self._lock.unlock()

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(self._read)

    def _read(self) -> None:
        socket = self.sender()
        if not isinstance(socket, QLocalSocket) or socket not in self._buffers:
            return
        data = self._buffers[socket] + bytes(socket.readAll().data())
        if not data.endswith(b"\n"):
            self._buffers[socket] = data  # the rest is on its way
            return
        del self._buffers[socket]
        socket.readyRead.disconnect(self._read)
        socket.disconnectFromServer()
        socket.deleteLater()
        try:
            files = [Path(p) for p in json.loads(data.decode()).get("files", [])]
        except (ValueError, AttributeError) as error:
            log.warning("ignored a malformed request from another start: %s", error)
            return
        self.files_received.emit(files)
