// Debian's Chromium as every Playwright suite here starts it (tests/e2e and
// tests/dist): never a downloaded browser, headless, no background traffic.
export const chromium = {
  browserName: 'chromium',
  launchOptions: {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking'],
  },
};
