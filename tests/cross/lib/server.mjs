// The static server of the cross-engine suite: www/ served exactly as
// tools/serve.py serves it (the same Content-Security-Policy, read from
// that file, the same MIME types and headers), plus the suite's own files
// under /cross/ and pages a test adds with `page()`, like Playwright's
// routes in tests/e2e/helpers.js.
import { createServer } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const WWW = path.join(ROOT, 'www');
const FIXTURES = path.join(ROOT, 'tests/cross/pages');

/** The CSP of tools/serve.py, so that both suites run under the same one. */
export const CSP = (() => {
  const m = readFileSync(path.join(ROOT, 'tools/serve.py'), 'utf8').match(/^CSP = "([^"]+)"$/m);
  if (!m) throw new Error('tests/cross: cannot find the CSP in tools/serve.py');
  return m[1];
})();

const TYPES = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.txt': 'text/plain',
};

/** A whole HTML page with the probe (tests/cross/pages/probe.js) first, then `head`, then `body`. */
export function html({ lang = 'en', head = '', body, loader = true, title = 'cross' }) {
  return `<!doctype html>
<html${lang ? ` lang="${lang}"` : ''}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>changecost cross: ${title}</title>
  <link rel="stylesheet" href="/cross/page.css">
  <script src="/cross/probe.js"></script>
  ${head}
  ${loader ? '<script type="module" src="/changecost/changecost.js"></script>' : ''}
</head>
<body>
${body}
</body>
</html>`;
}

export class Server {
  #routes = new Map();
  #server = null;
  /** Requested paths, in order, for tests that check what a page loads. */
  requests = [];

  /** Serves `body` at `path` (with the CSP); `type` defaults from the extension. */
  route(urlPath, body, { type, headers = {} } = {}) {
    this.#routes.set(urlPath, { body, type: type ?? TYPES[path.extname(urlPath)] ?? 'text/html', headers });
    return urlPath;
  }

  /** Serves an HTML page made by `html()` at /cross/<name>.html; returns its path. */
  page(name, options) {
    return this.route(`/cross/${name}.html`, html({ title: name, ...options }));
  }

  async start() {
    this.#server = createServer((req, res) => this.#handle(req, res));
    this.#server.keepAliveTimeout = 1000;
    await new Promise((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${this.#server.address().port}`;
    return this;
  }

  async stop() {
    this.#server?.closeAllConnections?.();
    await new Promise((resolve) => (this.#server ? this.#server.close(resolve) : resolve()));
  }

  #handle(req, res) {
    const url = new URL(req.url, 'http://x');
    let file = decodeURIComponent(url.pathname);
    this.requests.push(file);
    const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    const routed = this.#routes.get(file);
    if (routed) {
      const body = typeof routed.body === 'function' ? routed.body() : routed.body;
      res.writeHead(200, { ...headers, 'Content-Type': routed.type, ...routed.headers });
      res.end(body);
      return;
    }
    let base = WWW;
    if (file.startsWith('/cross/')) {
      base = FIXTURES;
      file = file.slice('/cross'.length);
    }
    if (file.endsWith('/')) file += 'index.html';
    const full = path.join(base, path.normalize(file));
    if (!full.startsWith(base) || !existsSync(full) || !statSync(full).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(full)] ?? 'application/octet-stream' });
    res.end(readFileSync(full));
  }
}
