"""A local web site for the archiving tests: routes, canned answers, a request log."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # before the headers
    drip: float = 0.0  # between body chunks of 1 KiB
    send_length: bool = True


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        # The fetcher drops connections on purpose (size and time limits): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class LocalSite:
    """ThreadingHTTPServer on 127.0.0.1; `answers[path]` is an Answer or a list of them
    (one per request, the last repeating) or a callable(handler) -> Answer."""

    def __init__(self) -> None:
        self.answers: dict[str, Answer | list[Answer] | Callable] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                site._serve(self)

            def log_message(self, *args) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.host, self.port = self.server.server_address[:2]
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def netloc(self) -> str:
        return f"{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return f"http://{self.netloc}{path}"

    def page(self, path: str, body: bytes | str = b"", **kwargs) -> str:
        if isinstance(body, str):
            body = body.encode()
        self.answers[path] = Answer(body=body, **kwargs)
        return self.url(path)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        self.answers[path] = Answer(status=status, headers={"Location": to})
        return self.url(path)

    def _serve(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path
        self.hits[path] += 1
        self.requests.append((path, dict(handler.headers.items())))
        answer = self.answers.get(path)
        if callable(answer):
            answer = answer(handler)
        elif isinstance(answer, list):
            answer = answer[min(self.hits[path], len(answer)) - 1]
        if answer is None:
            answer = Answer(status=404, body=b"<html><title>Not found</title></html>")
        if answer.delay:
            time.sleep(answer.delay)
        try:
            handler.send_response(answer.status)
            if answer.body or answer.status == 200:
                handler.send_header("Content-Type", answer.content_type)
            if answer.send_length:
                handler.send_header("Content-Length", str(len(answer.body)))
            else:
                handler.send_header("Connection", "close")
            for name, value in answer.headers.items():
                handler.send_header(name, value)
            handler.end_headers()
            if answer.drip:
                for start in range(0, len(answer.body), 1024):
                    handler.wfile.write(answer.body[start : start + 1024])
                    handler.wfile.flush()
                    time.sleep(answer.drip)
            else:
                handler.wfile.write(answer.body)
            if not answer.send_length:
                handler.close_connection = True
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout or size test): that is the point

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
