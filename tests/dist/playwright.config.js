// The artifacts of `make dist` as their users meet them (`make test-dist`):
// the npm tarball from a second origin, its manifest and types, the frame on
// a cross-origin host, the WordPress plugin in a real WordPress. Debian's
// Chromium, as in tests/e2e; the first origin is tools/serve.py (strict CSP),
// the second a static server in the tests (tests/dist/util.js).
import { defineConfig } from '@playwright/test';
import { chromium } from '../chromium.js';

const PORT = Number(process.env.DIST_PORT || 8191);

export default defineConfig({
  testDir: '.',
  outputDir: '../../target/dist-test/results',
  timeout: 60_000,
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...chromium,
  },
  webServer: {
    command: `python3 tools/serve.py --port ${PORT} --dir www`,
    cwd: '../..',
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
