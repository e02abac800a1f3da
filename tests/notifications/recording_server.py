"""A local HTTP server in a thread that records every call made to it (method, path, query, headers,
JSON body) and answers from a script: the far side of 企业微信, 钉钉 and SMS gateways in the tests."""
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Call:
    method: str
    path: str
    query: dict
    headers: dict
    body: object


@dataclass
class RecordingServer:
    """`answers`: (status, JSON) given in turn, the last one repeated; `by_path` answers a path always."""

    calls: list[Call] = field(default_factory=list)
    answers: list[tuple[int, dict]] = field(default_factory=lambda: [(200, {"errcode": 0, "errmsg": "ok"})])
    by_path: dict[str, tuple[int, dict]] = field(default_factory=dict)
    url: str = ""

    def answer(self, path: str) -> tuple[int, dict]:
        if path in self.by_path:
            return self.by_path[path]
        return self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]


def start() -> tuple[RecordingServer, ThreadingHTTPServer]:
    record = RecordingServer()

    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw.decode()) if raw else None
            except ValueError:
                body = raw.decode(errors="replace")
            record.calls.append(Call(self.command, parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()},
                                     dict(self.headers), body))
            status, answer = record.answer(parts.path)
            payload = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = _handle

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    record.url = f"http://127.0.0.1:{server.server_address[1]}"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return record, server
