#!/usr/bin/env python3
"""Serves www/ on 127.0.0.1 the way a careful host would: with a strict
Content-Security-Policy (no inline script or style, WebAssembly allowed),
the right MIME type for .wasm, and no caching while developing. It
compresses nothing, as many static hosts (and Debian's nginx, for anything
but HTML); with --gzip it compresses what Debian's Apache compresses
(text, JavaScript, JSON, SVG and WebAssembly; gzip -9, like a host that
serves files gzipped ahead), never a .gz file. With --gz-encoding it sends
a .gz file with Content-Encoding: gzip and the type of its name without
.gz, as sirv (under Vite's servers) and Apache with AddEncoding do.

    python3 tools/serve.py [--port 8080] [--dir www] [--no-csp] [--gzip] [--gz-encoding]
"""
import argparse
import functools
import gzip
import http.server
import os
import socketserver

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/wasm", "image/svg+xml")

CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".css": "text/css",
        ".json": "application/json",
        ".gz": "application/gzip",
    }
    csp = True
    compress = False
    gz_encoding = False
    gzipped = {}  # path -> (mtime, size, gzip -9 bytes)

    def do_GET(self):
        path = self.translate_path(self.path)
        ctype = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if self.gz_encoding and path.endswith(".gz") and os.path.isfile(path):
            with open(path, "rb") as f:
                self.send_gzipped(f.read(), self.guess_type(path[:-3]), vary=False)
            return
        if not (self.compress and accepts and ctype.startswith(COMPRESSED_TYPES) and os.path.isfile(path)):
            super().do_GET()
            return
        stat = os.stat(path)
        cached = self.gzipped.get(path)
        if not cached or cached[:2] != (stat.st_mtime, stat.st_size):
            with open(path, "rb") as f:
                cached = (stat.st_mtime, stat.st_size, gzip.compress(f.read(), compresslevel=9, mtime=0))
            self.gzipped[path] = cached
        self.send_gzipped(cached[2], ctype, vary=True)

    def send_gzipped(self, body, ctype, vary):
        """A 200 with gzip bytes as its body, sent with Content-Encoding:
        gzip and `ctype` as the type of what they hold; `vary` when another
        client could get the same path uncompressed."""
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        if vary:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

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
    ap.add_argument("--gzip", action="store_true", help="compress as Debian's Apache does")
    ap.add_argument("--gz-encoding", action="store_true", help="send .gz files with Content-Encoding: gzip, as sirv does")
    args = ap.parse_args()
    Handler.csp = not args.no_csp
    Handler.compress = args.gzip
    Handler.gz_encoding = args.gz_encoding
    handler = functools.partial(Handler, directory=args.dir)
    with Server(("127.0.0.1", args.port), handler) as httpd:
        print(f"changecost demo: http://127.0.0.1:{args.port}/  (Ctrl+C stops)", flush=True)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
