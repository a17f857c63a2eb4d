"""A small server on loopback that speaks OpenAI's Chat Completions, scripted per request.

Tests queue what the next requests get (`server.script(...)`) and read what the server saw
(`server.requests`). Streams are sent as server-sent events in chunked encoding, as OpenAI does,
so a dropped connection looks to the client exactly as a real one would.
"""

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def chunk(content=None, role=None, finish=None, usage=None, choices=True, model="test-model"):
    """One `chat.completion.chunk` event body."""
    delta = {}
    if role:
        delta["role"] = role
    if content is not False:
        delta["content"] = content
    body = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0, "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}] if choices else []}
    if usage:
        body["usage"] = usage
    return body


def text_stream(text, pieces=3, usage=(12, 5)):
    """Events for `text` split in `pieces`, a finish and a usage chunk."""
    size = max(1, -(-len(text) // pieces))
    events = [chunk("", role="assistant")]
    events += [chunk(text[i:i + size]) for i in range(0, len(text), size)]
    events.append(chunk(False, finish="stop"))
    if usage:
        events.append(chunk(choices=False, usage={"prompt_tokens": usage[0],
                                                   "completion_tokens": usage[1],
                                                   "total_tokens": sum(usage)}))
    return events


class Reply:
    """What one request gets. Build with the class methods."""

    def __init__(self, status=200, body=None, headers=None, events=None, then=None, delay=0.0,
                 gap=0.0):
        self.status, self.body, self.headers = status, body, headers or {}
        self.events, self.then, self.delay, self.gap = events, then, delay, gap

    @classmethod
    def stream(cls, text="Hello from the test model.", pieces=3, **options):
        return cls(events=text_stream(text, pieces), **options)

    @classmethod
    def events_then(cls, events, then):
        """Send `events`, then "drop" the connection, "stall", or send an "error" event."""
        return cls(events=events, then=then)

    @classmethod
    def error(cls, status, message="error", code=None, headers=None):
        return cls(status=status, headers=headers,
                   body={"error": {"message": message, "type": "invalid_request_error",
                                   "code": code}})

    @classmethod
    def hang(cls):
        return cls(delay=None)


class OpenAIServer:
    def __init__(self):
        self.requests = []
        self._script = []
        self._default = Reply.stream()
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                headers = {k.lower(): v for k, v in self.headers.items()}
                server.requests.append({"path": self.path, "headers": headers,
                                        "body": body})
                reply = server._script.pop(0) if server._script else server._default
                server._answer(self, reply, body)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request, client_address):
                pass  # a client that hung up on a scripted stall is expected

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def script(self, *replies):
        self._script.extend(replies)

    def close(self):
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def _answer(self, handler, reply, body):
        if reply.delay is None:  # hang: never answer, until the test ends
            self._stop.wait(30)
            return
        time.sleep(reply.delay)
        if reply.events is None or reply.status != 200:
            payload = reply.body.encode() if isinstance(reply.body, str) else \
                json.dumps(reply.body or {}).encode()
            handler.send_response(reply.status)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            handler.wfile.write(payload)
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()

        def send(data: bytes):
            handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            handler.wfile.flush()

        for event in reply.events:  # a dict is sent as a data event; bytes go out as they are
            send(event if isinstance(event, bytes) else f"data: {json.dumps(event)}\n\n".encode())
            time.sleep(reply.gap)
        if reply.then == "drop":
            handler.connection.shutdown(socket.SHUT_RDWR)
            handler.close_connection = True
            return
        if reply.then == "stall":
            self._stop.wait(30)
            return
        if reply.then == "error":
            send(b'data: {"error": {"message": "The server had an error while processing '
                 b'your request.", "type": "server_error"}}\n\n')
        else:
            send(b"data: [DONE]\n\n")
        send(b"")
