// Sending the result to the consultant, with consent (issue 12): the client
// sees exactly what will be sent and to which host; nothing goes out before
// they tick the consent and press Send; a failing or slow endpoint keeps
// everything typed for another try. The endpoint is a path on the test's own
// origin (the strict CSP's connect-src 'self'), answered by the test.
import { test, expect } from '@playwright/test';
import { routePage, ready, settled, axeViolations, WORKED } from './helpers.js';

const W = {
  de: { open: 'An den Dienstleister senden', name: 'Ihr Name (freiwillig)', email: 'Ihre E-Mail-Adresse (freiwillig)',
    message: 'Nachricht (freiwillig)', preview: 'Was gesendet wird', send: 'Senden', done: 'Gesendet. Vielen Dank!',
    failed: 'Nicht gesendet: der Server antwortete mit Fehler 500.', timeout: 'keine Antwort innerhalb von 10 Sekunden',
    consent: /Ich bin einverstanden, dass dieser Text an 127\.0\.0\.1:\d+ gesendet wird\./ },
  en: { open: 'Send to the consultant', name: 'Your name (optional)', email: 'Your e-mail address (optional)',
    message: 'Message (optional)', preview: 'What will be sent', send: 'Send', done: 'Sent. Thank you!',
    failed: 'Not sent: the server answered with error 500.', timeout: 'no answer within 10 seconds',
    consent: /I agree that this text is sent to 127\.0\.0\.1:\d+\./ },
};

/** A page with one calculator posting to /e2e/submit; `answer(route)` answers each request. */
async function sendPage(page, lang, { format = '', answer }) {
  const requests = [];
  await page.route('**/e2e/submit', async (route) => {
    requests.push(route.request());
    await answer(route, requests.length);
  });
  const attrs = `lang="${lang}" endpoint="/e2e/submit" ${format ? `endpoint-format="${format}"` : ''} persist="off"`;
  await page.goto(await routePage(page, `send-${lang}${format}`,
    `<main><h1>Send</h1><change-cost ${attrs}></change-cost></main>`, { lang }));
  const calc = page.locator('change-cost');
  await ready(calc);
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(calc.locator('output[data-total="hourly"]')).toHaveAttribute('data-cents', '1564650');
  await settled(calc);
  return { calc, requests };
}

for (const [lang, w] of Object.entries(W)) {
  test(`what the preview shows is what the endpoint receives, only after consent (${lang})`, async ({ page }) => {
    const { calc, requests } = await sendPage(page, lang, { answer: (route) => route.fulfill({ status: 204 }) });
    await calc.getByRole('button', { name: w.open }).click();
    const panel = calc.locator('section.send');
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('checkbox')).toHaveAccessibleName(w.consent);
    await calc.getByLabel(w.name).fill('Erika Muster');
    await calc.getByLabel(w.email).fill('erika@example.org');
    await calc.getByLabel(w.message).fill('Please call me on Monday.');
    const send = panel.getByRole('button', { name: w.send, exact: true });
    await expect(send).toBeDisabled();
    const preview = await calc.getByLabel(w.preview).inputValue();
    expect(preview).toContain('Erika Muster');
    expect(preview).toContain('Please call me on Monday.');
    expect(preview).toContain(lang === 'de' ? '15.646,50' : '15,646.50');
    expect(preview).toMatch(/#cc=[A-Za-z0-9_-]+/);
    expect(requests).toHaveLength(0);

    await panel.getByRole('checkbox').check();
    await expect(send).toBeEnabled();
    expect(requests).toHaveLength(0);
    await send.click();
    await expect(panel.getByRole('status')).toHaveText(w.done);
    expect(requests).toHaveLength(1);
    const request = requests[0];
    expect(request.method()).toBe('POST');
    expect(request.headers()['content-type']).toBe('application/json');
    expect(request.headers().cookie).toBeUndefined();
    const body = JSON.parse(request.postData());
    expect(body.text).toBe(preview);
    expect(body.name).toBe('Erika Muster');
    expect(body.email).toBe('erika@example.org');
    expect(body.message).toBe('Please call me on Monday.');
    expect(preview).toContain(body.link);
    expect(body.lang).toBe(lang);
    // The consent is for one sending: ticked again for another.
    await expect(panel.getByRole('checkbox')).not.toBeChecked();
    await expect(send).toBeDisabled();
  });
}

test('a failing endpoint leaves the text and the form intact, and a retry sends it', async ({ page }) => {
  const w = W.en;
  const { calc, requests } = await sendPage(page, 'en', {
    answer: (route, n) => route.fulfill({ status: n === 1 ? 500 : 200, body: 'ok' }),
  });
  await calc.getByRole('button', { name: w.open }).click();
  const panel = calc.locator('section.send');
  await calc.getByLabel(w.message).fill('Keep me');
  await panel.getByRole('checkbox').check();
  await panel.getByRole('button', { name: w.send, exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(new RegExp(`^${w.failed.replace(/[.]/g, '\\.')}`));
  await expect(calc.getByLabel(w.message)).toHaveValue('Keep me');
  await expect(panel.getByRole('checkbox')).toBeChecked();
  await panel.getByRole('button', { name: w.send, exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(w.done);
  expect(requests).toHaveLength(2);
  expect(requests[1].postData()).toBe(requests[0].postData());
});

test('a slow endpoint is given up after 10 s; form-encoded for form services', async ({ page }) => {
  test.setTimeout(45_000);
  const w = W.de;
  let release;
  const { calc, requests } = await sendPage(page, 'de', {
    format: 'form',
    answer: (route, n) => (n === 1 ? new Promise((r) => { release = r; }).then(() => route.abort().catch(() => {}))
      : route.fulfill({ status: 200 })),
  });
  await calc.getByRole('button', { name: w.open }).click();
  const panel = calc.locator('section.send');
  await calc.getByLabel(w.name).fill('Jörg Ü. Straße & Söhne');
  await panel.getByRole('checkbox').check();
  await panel.getByRole('button', { name: w.send, exact: true }).click();
  await expect(panel.getByRole('status')).toContainText(w.timeout, { timeout: 15_000 });
  release();
  await expect(calc.getByLabel(w.name)).toHaveValue('Jörg Ü. Straße & Söhne');
  await panel.getByRole('button', { name: w.send, exact: true }).click();
  await expect(panel.getByRole('status')).toHaveText(w.done);
  const last = requests[requests.length - 1];
  expect(last.headers()['content-type']).toBe('application/x-www-form-urlencoded;charset=UTF-8');
  const form = new URLSearchParams(last.postData());
  expect(form.get('name')).toBe('Jörg Ü. Straße & Söhne');
  expect(form.get('text')).toBe(await calc.getByLabel(w.preview).inputValue());
});

test.describe('axe-core on the open panel', () => {
  test.use({ bypassCSP: true });
  for (const scheme of ['light', 'dark']) {
    for (const lang of ['de', 'en']) {
      test(`no violations (${lang}, ${scheme})`, async ({ page }) => {
        await page.emulateMedia({ colorScheme: scheme });
        const { calc } = await sendPage(page, lang, { answer: (route) => route.fulfill({ status: 204 }) });
        await calc.getByRole('button', { name: W[lang].open }).click();
        await expect(calc.locator('section.send')).toBeVisible();
        const violations = await axeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      });
    }
  }
});
