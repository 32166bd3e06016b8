// End-to-end tests: the demo site served as a host would serve it (strict
// CSP), driven in Debian's Chromium like a user. Never downloads a browser.
import { defineConfig } from '@playwright/test';
import { chromium } from './tests/chromium.js';

const PORT = Number(process.env.E2E_PORT || 8181);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  reporter: [['list']],
  forbidOnly: true,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    ...chromium,
  },
  webServer: {
    command: `python3 tools/serve.py --port ${PORT} --dir www`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    stdout: 'ignore',
  },
});
