#!/usr/bin/env python3
"""A tiny webhook receiver for the demo: prints every request GccSaaS sends and checks its signature.

    python3 build/webhook-receiver.py [port] [whsec_secret]

Listens on http://127.0.0.1:<port>/ (default 5099). Register http://127.0.0.1:<port>/hooks under Webhooks in the
portal (build/run.sh allows loopback endpoints for the demo: Webhooks__AllowLoopback=true); pass the secret shown
once to check each request's webhook-signature (Standard Webhooks: base64 HMAC-SHA256 over "id.timestamp.body").
"""
import base64, hashlib, hmac, json, sys
from http.server import BaseHTTPRequestHandler, HTTPServer

PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 5099
SECRET = sys.argv[2] if len(sys.argv) > 2 else None


def verify(headers, body):
    if not SECRET:
        return "not checked (no secret given)"
    key = base64.b64decode(SECRET.removeprefix("whsec_"))
    signed = f"{headers.get('webhook-id')}.{headers.get('webhook-timestamp')}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    given = [s.split(",", 1)[1] for s in headers.get("webhook-signature", "").split() if s.startswith("v1,")]
    return "valid" if any(hmac.compare_digest(expected, g) for g in given) else "INVALID"


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        print(f"--- {self.path}  webhook-id={self.headers.get('webhook-id')}  "
              f"timestamp={self.headers.get('webhook-timestamp')}  signature {verify(self.headers, body)}")
        try:
            print(json.dumps(json.loads(body), indent=2))
        except ValueError:
            print(body.decode(errors="replace"))
        sys.stdout.flush()
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    print(f"webhook receiver on http://127.0.0.1:{PORT}/ (Ctrl+C to stop)")
    HTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
