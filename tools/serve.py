#!/usr/bin/env python3
"""Serves www/ on 127.0.0.1 the way a careful host would: with a strict
Content-Security-Policy (no inline script or style, WebAssembly allowed),
the right MIME type for .wasm, and no caching while developing.

    python3 tools/serve.py [--port 8080] [--dir www] [--no-csp]
"""
import argparse
import functools
import http.server
import socketserver

CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
    }
    csp = True

    def end_headers(self):
        if self.csp:
            self.send_header("Content-Security-Policy", CSP)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Content-Type-Options", "nosniff")
        super().end_headers()

    def log_request(self, code="-", size="-"):  # quiet unless something fails
        if not str(code).startswith(("2", "3")):
            super().log_request(code, size)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--dir", default="www")
    ap.add_argument("--no-csp", action="store_true")
    args = ap.parse_args()
    Handler.csp = not args.no_csp
    handler = functools.partial(Handler, directory=args.dir)
    with Server(("127.0.0.1", args.port), handler) as httpd:
        print(f"changecost demo: http://127.0.0.1:{args.port}/  (Ctrl+C stops)", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
