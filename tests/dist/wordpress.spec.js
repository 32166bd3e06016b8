// The WordPress plugin in a real WordPress: Debian's wordpress (6.1) with
// Twenty Twenty-Three, MariaDB and php -S on loopback, set up and torn down
// here by tools/wp-test-setup.sh. The plugin zip of `make dist` goes in
// through Plugins > Add New > Upload; the shortcode goes on one page, the
// block on another, and both give MODEL.md's worked example; hostile
// attribute values stay attribute values; the settings page's defaults
// apply and the shortcode overrides them; German admin texts; no notice
// from the plugin's files under WP_DEBUG; with "Receive results on this
// site", a logged-out visitor's "Send to the consultant" reaches the
// plugin's own route, is listed for the admin and e-mailed; the route's size,
// validity and rate limits; uninstall removes its options and submissions.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ready, total, WORKED, T } from '../e2e/helpers.js';
import { PLUGIN_ZIP, ROOT, serve } from './util.js';
import { freePort } from '../../tools/free-port.mjs';

test.describe.configure({ mode: 'serial' });

const SETUP = path.join(ROOT, 'tools/wp-test-setup.sh');
let dir;
let wp; // http://127.0.0.1:<port>
const started = Date.now();

/** PHP with WordPress loaded (as no user, so content goes through kses unless the code logs in). */
function php(code) {
  try {
    return execFileSync(SETUP, ['php', dir, code], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    throw new Error(`php failed: ${e.stderr}${e.stdout}`);
  }
}

/** A published page with `content`; `as` 1 inserts it as the admin (unfiltered_html), 0 as nobody (kses). */
function insertPage(title, content, as = 1) {
  const id = php(`
    wp_set_current_user(${as});
    if (${as} === 0) { kses_init_filters(); }
    echo wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${JSON.stringify(title)},
      'post_content' => base64_decode('${Buffer.from(content).toString('base64')}')), true);`).trim();
  expect(id).toMatch(/^\d+$/);
  return `${wp}/?page_id=${id}`;
}

async function login(page) {
  await page.goto(`${wp}/wp-login.php`);
  // wp-login.php focuses (and may clear) the user field 200 ms after loading: wait for that first.
  await expect(page.locator('#user_login')).toBeFocused();
  await page.locator('#user_login').fill('admin');
  await page.locator('#user_pass').fill('admin-password');
  await expect(page.locator('#user_login')).toHaveValue('admin');
  await page.locator('#wp-submit').click();
  await expect(page).toHaveURL(/wp-admin/);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = await freePort();
  dir = path.join(os.tmpdir(), `changecost-wp-${port}`);
  wp = `http://127.0.0.1:${port}`;
  execFileSync(SETUP, ['start', dir, String(port)], { stdio: 'inherit' });
});

test.afterAll(() => {
  if (dir) execFileSync(SETUP, ['stop', dir], { stdio: 'inherit' });
  console.log(`wordpress.spec.js: ${((Date.now() - started) / 1000).toFixed(1)} s with setup and teardown`);
});

test('the plugin zip installs through Plugins > Add New > Upload and activates', async ({ page }) => {
  await login(page);
  await page.goto(`${wp}/wp-admin/plugin-install.php?tab=upload`);
  await page.locator('input[name=pluginzip]').setInputFiles(PLUGIN_ZIP);
  await page.locator('#install-plugin-submit').click();
  await expect(page.getByText('Plugin installed successfully.')).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Activate Plugin' }).click();
  await expect(page.getByText('Plugin activated.')).toBeVisible();
  // Found by its folder (Debian's tree comes with Akismet; the test site has only ours).
  const installed = path.join(dir, 'site/wp-content/plugins/changecost');
  expect(existsSync(path.join(installed, 'changecost.php'))).toBe(true);
  expect(php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
    echo is_plugin_active('changecost/changecost.php') ? 'active' : 'inactive';`)).toBe('active');
  const version = readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
  expect(php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
    echo get_plugin_data(WP_PLUGIN_DIR . '/changecost/changecost.php')['Version'];`)).toBe(version);
});

test('readme.txt names the newest WordPress tested (the Playground suite\'s); no placeholder Plugin URI', () => {
  const plugin = path.join(dir, 'site/wp-content/plugins/changecost');
  const readme = readFileSync(path.join(plugin, 'readme.txt'), 'utf8');
  // The newest release of @wp-playground/wordpress-builds, which wordpress-playground.spec.js runs.
  const builds = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@wp-playground/wordpress-builds/src/wordpress/wp-versions.json'), 'utf8'));
  const newest = Object.keys(builds).filter((k) => /^\d/.test(k)).sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]))[0];
  expect(readme).toMatch(new RegExp(`^Tested up to: ${newest.replace('.', '\\.')}$`, 'm'));
  const header = readFileSync(path.join(plugin, 'changecost.php'), 'utf8').split('*/')[0];
  // A Plugin URI, if any, is a real page, not a bare host.
  for (const [, uri] of header.matchAll(/Plugin URI:\s*(\S+)/g)) expect(uri).not.toMatch(/^https?:\/\/[^/]+\/?$/);
});

test('every admin text of the plugin has its German translation, in PHP and in the block editor', () => {
  const plugin = path.join(dir, 'site/wp-content/plugins/changecost');
  const sources = ['changecost.php', 'includes/settings.php', 'includes/block.php', 'includes/render.php',
    'includes/submit.php', 'includes/submissions.php', 'includes/limits.php', 'includes/privacy.php', 'block/index.js']
    .map((f) => readFileSync(path.join(plugin, f), 'utf8')).join('\n');
  const texts = new Set();
  for (const [, quoted] of sources.matchAll(/(?:__|esc_html_e|esc_html__|esc_attr__|_e)\(\s*'((?:[^'\\]|\\.)*)',\s*'changecost'\s*\)/g)) {
    texts.add(quoted.replace(/\\'/g, "'"));
  }
  expect(texts.size).toBeGreaterThan(30);
  // The .mo PHP reads (GNU gettext: count, then tables of length and offset of originals and translations).
  const mo = readFileSync(path.join(plugin, 'languages/changecost-de_DE.mo'));
  expect(mo.readUInt32LE(0)).toBe(0x950412de);
  const count = mo.readUInt32LE(8);
  const str = (table, i) => {
    const at = table + i * 8;
    return mo.subarray(mo.readUInt32LE(at + 4), mo.readUInt32LE(at + 4) + mo.readUInt32LE(at)).toString('utf8');
  };
  const catalogue = new Map();
  for (let i = 0; i < count; i += 1) catalogue.set(str(mo.readUInt32LE(12), i), str(mo.readUInt32LE(16), i));
  const jed = JSON.parse(readFileSync(path.join(plugin, 'languages/changecost-de_DE-changecost-block-editor.json'), 'utf8'));
  for (const t of texts) {
    expect(catalogue.get(t), t).toBeTruthy();
    expect(jed.locale_data.messages[t]?.[0], t).toBe(catalogue.get(t));
  }
});

test('the settings page keeps site-wide defaults, in English and in German', async ({ page }) => {
  await login(page);
  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  await expect(page.getByRole('heading', { name: 'changecost: site-wide defaults' })).toBeVisible();
  await page.getByLabel('Hourly rate, net').fill('100');
  await page.getByLabel('Currency (ISO code)').fill('eur');
  await page.getByLabel('Language').selectOption('en');
  await page.getByLabel('Your e-mail, for "send to the consultant"').fill('berater@example.test');
  await page.locator('input[name="changecost_defaults[lock][]"][value="premium"]').check();
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByLabel('Hourly rate, net')).toHaveValue('100');
  await expect(page.getByLabel('Currency (ISO code)')).toHaveValue('EUR');
  expect(JSON.parse(php(`echo wp_json_encode(get_option('changecost_defaults'));`))).toEqual({
    rate: '100', hours: '', currency: 'EUR', lang: 'en', contact: 'berater@example.test', lock: 'premium',
  });

  php(`update_user_meta(1, 'locale', 'de_DE');`);
  try {
    await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
    await expect(page.getByRole('heading', { name: 'changecost: Standardwerte der Website' })).toBeVisible();
    await expect(page.getByLabel('Stundensatz, netto')).toHaveValue('100');
    await expect(page.getByText('Einstellungen, die Ihre Kunden nicht ändern können').first()).toBeVisible();
  } finally {
    php(`delete_user_meta(1, 'locale');`);
  }
});

test('the shortcode on one page and the block on another give the worked example; the script only where they are', async ({ page }) => {
  const shortcode = insertPage('Shortcode', '<p>Before.</p>\n[changecost rate="95" hours="120" lang="en" persist="off" unknown="x"]\n<p>After.</p>');
  const block = insertPage('Block', '<!-- wp:changecost/calculator {"rate":"95","hours":"120","lang":"de","persist":"off","locked":"rate"} /-->');
  const defaults = insertPage('Defaults', '[changecost persist="off"]\n[changecost persist="off" storage-key="second"]');
  const plain = insertPage('Plain', '<p>No calculator here.</p>');
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The wasm is preloaded once per page and fetched once: the loader's
  // request takes the preloaded download.
  let wasm = [];
  page.on('request', (r) => { if (/\.wasm(\.gz)?$/.test(r.url())) wasm.push(r.url()); });
  const preloadedOnce = async () => {
    const hint = page.locator('link[rel="preload"][as="fetch"][href$=".wasm.gz"]');
    await expect(hint).toHaveCount(1);
    // With the integrity the loader fetches it with, or the preload would not be reused.
    await expect(hint).toHaveAttribute('integrity', /^sha384-[A-Za-z0-9+/]{64} sha384-[A-Za-z0-9+/]{64}$/);
    expect(wasm).toEqual([await hint.evaluate((l) => l.href)]);
    wasm = [];
  };

  await page.goto(shortcode);
  let calc = page.locator('change-cost');
  await ready(calc);
  // The shortcode's rate wins over the site's 100; the site's lock and contact come along; unknown is ignored.
  expect(await calc.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])))).toEqual({
    lang: 'en', currency: 'EUR', rate: '95', hours: '120', lock: 'premium', persist: 'off', contact: 'berater@example.test',
  });
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
  await expect(total(calc, 'hourly')).toHaveText('€15,646.50');
  await expect(total(calc, 'fixed')).toHaveText('€17,214.00');
  const script = page.locator('script[src*="/wp-content/plugins/changecost/assets/changecost."]');
  await expect(script).toHaveCount(1);
  await expect(script).toHaveAttribute('type', 'module');
  const manifest = JSON.parse(readFileSync(path.join(dir, 'site/wp-content/plugins/changecost/assets/manifest.json'), 'utf8'));
  await expect(script).toHaveAttribute('integrity', manifest.integrity);
  await preloadedOnce();

  await page.goto(block);
  calc = page.locator('change-cost');
  await ready(calc);
  await expect(calc).toHaveAttribute('lock', 'rate');
  await expect(calc.getByLabel(T.de.rate, { exact: true })).toHaveAttribute('readonly', '');
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
  await expect(total(calc, 'hourly')).toHaveText('15.646,50 €');
  await expect(total(calc, 'fixed')).toHaveText('17.214,00 €');
  await expect(page.locator('script[src*="/plugins/changecost/assets/"]')).toHaveCount(1);
  await preloadedOnce();

  // The site's defaults alone: rate 100. Two calculators, one script.
  await page.goto(defaults);
  await expect(page.locator('change-cost')).toHaveCount(2);
  for (const c of await page.locator('change-cost').all()) {
    await ready(c);
    await expect(total(c, 'hourly')).toHaveAttribute('data-cents', '1200000');
  }
  await expect(page.locator('script[src*="/plugins/changecost/assets/"]')).toHaveCount(1);
  await preloadedOnce();

  await page.goto(plain);
  await expect(page.getByText('No calculator here.')).toBeVisible();
  expect(await page.content()).not.toContain('/plugins/changecost/');
  expect(errors).toEqual([]);
});

test('the shortcode takes every attribute the element reports, escaped; the block has each one too', async ({ page, request }) => {
  await page.goto(insertPage('Reported', '[changecost persist="off"]'));
  await ready(page.locator('change-cost'));
  const reported = await page.evaluate(() => customElements.get('change-cost').observedAttributes);
  expect(reported.length).toBeGreaterThan(20);
  const value = (name) => `v-${name} & <${name}>`;
  const all = insertPage('Every attribute', `[changecost ${reported.map((n) => `${n}="${value(n)}"`).join(' ')} bogus="1" onclick="x"]`);
  const body = await (await request.get(all)).text();
  const tag = body.match(/<change-cost\b[^>]*>/)[0];
  const attrs = [...tag.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map(([, n, v]) => [n, v]);
  expect(attrs.map(([n]) => n)).toEqual(reported);
  for (const [n, v] of attrs) expect(v, n).toBe(`v-${n} &amp; &lt;${n}&gt;`);

  const blockJson = JSON.parse(readFileSync(path.join(dir, 'site/wp-content/plugins/changecost/block/block.json'), 'utf8'));
  const key = (n) => (n === 'lock' ? 'locked' : n.replace(/-([a-z])/g, (m, c) => c.toUpperCase()));
  expect(Object.keys(blockJson.attributes)).toEqual(reported.map(key));
  const attrsJson = JSON.stringify(Object.fromEntries(reported.map((n) => [key(n), `b-${n}`])));
  const blockPage = insertPage('Every block attribute', `<!-- wp:changecost/calculator ${attrsJson} /-->`);
  const blockTag = (await (await request.get(blockPage)).text()).match(/<change-cost\b[^>]*>/)[0];
  expect([...blockTag.matchAll(/ ([a-z-]+)="([^"]*)"/g)].map(([, n, v]) => [n, v])).toEqual(reported.map((n) => [n, `b-${n}`]));
});

test('an attribute over 2,000 bytes is cut between characters, never emptied', async ({ request }) => {
  // 1 + 2 * 1000 bytes: the 2,000th byte is the first half of an "ä".
  const long = `x${'ä'.repeat(1000)}`;
  const url = insertPage('Long attribute', `[changecost persist="off" example="${long}"]\n<!-- wp:changecost/calculator {"persist":"off","storageKey":"b","example":"${long}"} /-->`);
  const body = await (await request.get(url)).text();
  const tags = [...body.matchAll(/<change-cost\b[^>]*>/g)].map((m) => m[0]);
  expect(tags).toHaveLength(2);
  for (const tag of tags) expect(tag).toContain(` example="x${'ä'.repeat(999)}"`);
});

test('hostile attribute values stay attribute values (with and without kses)', async ({ page }) => {
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  // Attribute break-outs, and "><script> written as entities (what survives kses and wptexturize;
  // WordPress itself leaves a shortcode with raw tags inside as text).
  const content = `[changecost lang="en" persist="off" rate='" autofocus onfocus="window.pwned=1" x="' contact='x" onmouseover="window.pwned=2']
[changecost lang="en" persist="off" storage-key="b" rate="&quot;&gt;&lt;script&gt;window.pwned=3&lt;/script&gt;&lt;img src=x onerror=window.pwned=4&gt;"]`;
  const expected = [
    { rate: '" autofocus onfocus="window.pwned=1" x="', contact: 'x" onmouseover="window.pwned=2' },
    { rate: '"><script>window.pwned=3</script><img src=x onerror=window.pwned=4>' },
  ];
  // As the admin (unfiltered_html: no kses), and as nobody (kses filters the post first).
  for (const url of [insertPage('Hostile (admin)', content, 1), insertPage('Hostile (kses)', content, 0)]) {
    await page.goto(url);
    const calcs = page.locator('change-cost');
    await expect(calcs).toHaveCount(2);
    for (const [i, want] of expected.entries()) {
      const calc = calcs.nth(i);
      await ready(calc);
      const attrs = await calc.evaluate((el) => Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])));
      for (const [name, v] of Object.entries(want)) expect(attrs[name], name).toBe(v);
      for (const name of Object.keys(attrs)) expect(name).not.toMatch(/^on|^autofocus$|^x$/);
      // The bad rate falls back to the default: the calculator works.
      await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1140000');
    }
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.locator('script').evaluateAll((all) => all.filter((s) => s.textContent.includes('pwned')).length)).toBe(0);
    await page.locator('change-cost').first().hover();
    expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  }
  expect(dialogs).toEqual([]);
});

test('the block in the block editor: the main attributes in the sidebar, saved and rendered on the server', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page);
  await page.goto(`${wp}/wp-admin/post-new.php?post_type=page`);
  await page.waitForFunction(() => window.wp?.data?.select('core/block-editor') && window.wp.blocks.getBlockType('changecost/calculator'), null, { timeout: 45_000 });
  // Block API 3: WordPress 6.5 and later keep the editor's canvas in an iframe (wordpress-playground.spec.js).
  expect(await page.evaluate(() => window.wp.blocks.getBlockType('changecost/calculator').apiVersion)).toBe(3);
  await page.evaluate(() => {
    window.wp.data.dispatch('core/edit-post').toggleFeature?.('welcomeGuide');
    const { createBlock } = window.wp.blocks;
    window.wp.data.dispatch('core/editor').editPost({ title: 'Block from the editor' });
    window.wp.data.dispatch('core/block-editor').insertBlocks(createBlock('changecost/calculator', { lang: 'en' }));
  });
  // Close the welcome guide if it shows, then select the block and open its settings.
  const guide = page.getByRole('dialog', { name: /Welcome/ });
  if (await guide.isVisible().catch(() => false)) await page.keyboard.press('Escape');
  await expect(page.getByText('Change cost calculator').first()).toBeVisible();
  await page.evaluate(() => {
    const [block] = window.wp.data.select('core/block-editor').getBlocks();
    window.wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
    window.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
  });
  for (const label of ['Language', 'Currency (ISO code)', 'Hourly rate, net', 'Likely effort, hours', 'Best case, hours',
    'Worst case, hours', 'Risk premium, %', 'Settings your clients may not change']) {
    await expect(page.getByLabel(label, { exact: true }), label).toBeVisible();
  }
  await page.getByLabel('Hourly rate, net', { exact: true }).fill('95');
  await page.getByLabel('Likely effort, hours', { exact: true }).fill('120');
  await page.getByLabel('Settings your clients may not change', { exact: true }).fill('rate');
  const id = await page.evaluate(async () => {
    window.wp.data.dispatch('core/editor').editPost({ status: 'publish' });
    await window.wp.data.dispatch('core/editor').savePost();
    return window.wp.data.select('core/editor').getCurrentPostId();
  });
  const saved = php(`echo get_post(${id})->post_content;`);
  expect(saved).toContain('<!-- wp:changecost/calculator {"lang":"en","rate":"95","hours":"120","locked":"rate"} /-->');
  await page.goto(`${wp}/?page_id=${id}`);
  const calc = page.locator('change-cost');
  await ready(calc);
  await expect(calc).toHaveAttribute('lock', 'rate');
  await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
  await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
  await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
});

test('the block\'s sidebar in German for a German admin', async ({ page }) => {
  test.setTimeout(90_000);
  await login(page);
  php(`update_user_meta(1, 'locale', 'de_DE');`);
  try {
    await page.goto(`${wp}/wp-admin/post-new.php?post_type=page`);
    await page.waitForFunction(() => window.wp?.data?.select('core/block-editor') && window.wp.blocks.getBlockType('changecost/calculator'), null, { timeout: 45_000 });
    await page.evaluate(() => {
      const block = window.wp.blocks.createBlock('changecost/calculator', {});
      window.wp.data.dispatch('core/block-editor').insertBlocks(block);
      window.wp.data.dispatch('core/block-editor').selectBlock(block.clientId);
      window.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
    });
    await expect(page.getByLabel('Stundensatz, netto', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Einstellungen, die Ihre Kunden nicht ändern können', { exact: true })).toBeVisible();
    await expect(page.getByText('Der Rechner erscheint auf der veröffentlichten Seite.', { exact: false })).toBeVisible();
    // block.json's title, description and keywords (translated by WordPress with their contexts).
    expect(await page.evaluate(() => {
      const { title, description, keywords } = window.wp.blocks.getBlockType('changecost/calculator');
      return { title, description, keywords };
    })).toEqual({
      title: 'Rechner für Änderungskosten',
      description: 'Was kosten Ihre Änderungen? Nach Aufwand, zum Festpreis, mit Obergrenze: mit den eigenen Zahlen Ihrer Kunden.',
      keywords: ['Rechner', 'Festpreis', 'Stundensatz', 'Änderungsantrag'],
    });
  } finally {
    php(`delete_user_meta(1, 'locale');`);
  }
});

/** The mails wp_mail was asked to send (tools/wp-test-setup.sh writes them to log/mail.log). */
function mails() {
  const log = path.join(dir, 'log/mail.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

/** The stored submissions, oldest first: content and the plugin's meta. */
function submissions() {
  return JSON.parse(php(`global $wpdb;
    $out = array();
    foreach ($wpdb->get_col("SELECT ID FROM {$wpdb->posts} WHERE post_type = 'changecost_result' ORDER BY ID") as $id) {
      $p = get_post($id);
      $row = array('status' => $p->post_status, 'title' => $p->post_title, 'text' => $p->post_content);
      foreach (array('name', 'email', 'message', 'link', 'lang', 'date') as $k) { $row[$k] = get_post_meta($id, '_changecost_' . $k, true); }
      $out[] = $row;
    }
    echo wp_json_encode($out);`));
}

/** Empties the route's rate counters (the plugin's table; transients of versions before it). */
function resetLimits() {
  php(`global $wpdb; $wpdb->suppress_errors(true);
    $wpdb->query("DELETE FROM {$wpdb->prefix}changecost_rate");
    foreach ($wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '\\_transient\\_changecost\\_rate%'") as $o) { delete_transient(substr($o, 11)); }`);
}

test('while "Receive results on this site" is off, the route answers 404 and stores and mails nothing', async ({ request }) => {
  expect(php(`echo get_option('changecost_receive', '0');`)).toBe('0');
  const route = `${wp}/index.php?rest_route=/changecost/v1/submit`;
  const before = mails().length;
  const json = await request.post(route, { data: { text: 'Summary\nTotal: 1', email: 'x@example.org' } });
  expect(json.status()).toBe(404);
  expect((await json.json()).code).toBe('rest_no_route');
  const form = await request.post(route, { form: { text: 'Form' } });
  expect(form.status()).toBe(404);
  expect(submissions()).toEqual([]);
  expect(mails().length).toBe(before);
});

const SEND = { open: 'Send to the consultant', name: 'Your name (optional)', email: 'Your e-mail address (optional)',
  message: 'Message (optional)', preview: 'What will be sent', send: 'Send', done: 'Sent. Thank you!' };
let submitUrl;
let sent; // what the visitor's preview showed

test('"Receive results on this site": a logged-out visitor sends, the admin finds it in the list and by e-mail', async ({ page, browser }) => {
  test.setTimeout(90_000);
  submitUrl = php(`echo rest_url('changecost/v1/submit');`).trim();
  // Plain permalinks on the test site: the route is a query.
  expect(submitUrl).toBe(`${wp}/index.php?rest_route=/changecost/v1/submit`);
  const url = insertPage('Send', '[changecost lang="en" rate="95" hours="120" persist="off"]');
  const own = insertPage('Own endpoint', '[changecost lang="en" persist="off" endpoint="/own/submit"]');
  // Off by default: no endpoint.
  expect((await (await page.request.get(url)).text()).match(/<change-cost\b[^>]*>/)[0]).not.toContain('endpoint=');

  await login(page);
  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  const receive = page.getByLabel('Receive results on this site');
  await expect(receive).not.toBeChecked();
  await expect(page.getByText('e-mailed to admin@example.test')).toBeVisible();
  await receive.check();
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(receive).toBeChecked();
  expect(php(`echo get_option('changecost_receive');`)).toBe('1');
  // The defaults saved before are untouched.
  expect(JSON.parse(php(`echo wp_json_encode(get_option('changecost_defaults'));`)).rate).toBe('100');

  // The shortcode gets the route; one that names its own endpoint keeps it.
  expect((await (await page.request.get(own)).text()).match(/<change-cost\b[^>]*>/)[0]).toContain('endpoint="/own/submit"');

  // A visitor: a context of its own, not logged in.
  const visitor = await browser.newPage();
  try {
    await visitor.goto(url);
    const calc = visitor.locator('change-cost');
    await ready(calc);
    await expect(calc).toHaveAttribute('endpoint', submitUrl);
    await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
    await expect(calc.locator('.cc')).not.toHaveAttribute('data-stale', '');
    await calc.getByRole('button', { name: SEND.open }).click();
    const panel = calc.locator('section.send');
    await expect(panel).toBeVisible();
    await calc.getByLabel(SEND.name).fill('Erika Muster');
    await calc.getByLabel(SEND.email).fill('erika@example.org');
    await calc.getByLabel(SEND.message).fill('Please call me on Monday.\nR&D\'s "plan" is fine: < 2 days, 100%41 done.');
    await panel.getByRole('checkbox').check();
    sent = await calc.getByLabel(SEND.preview).inputValue();
    expect(sent).toContain('€15,646.50');
    expect(mails().filter((m) => m.subject.includes('changecost'))).toEqual([]);
    await panel.getByRole('button', { name: SEND.send, exact: true }).click();
    await expect(panel.getByRole('status')).toHaveText(SEND.done);
  } finally {
    await visitor.close();
  }

  const [stored] = submissions();
  expect(submissions()).toHaveLength(1);
  expect(stored).toMatchObject({ status: 'private', name: 'Erika Muster', email: 'erika@example.org', lang: 'en',
    title: 'Please call me on Monday.', message: 'Please call me on Monday.\nR&D\'s "plan" is fine: < 2 days, 100%41 done.' });
  expect(stored.link).toMatch(new RegExp(`^${wp.replace(/\./g, '\\.')}/\\?page_id=\\d+#cc=[A-Za-z0-9_-]+$`));
  expect(sent).toContain(stored.link);
  // As previewed, character for character (kses would have made "R&D" "R&amp;D"; "<" and "%41"
  // survive), less the preview's final line break (the ends are trimmed).
  expect(sent.endsWith('\n')).toBe(true);
  expect(stored.text).toBe(sent.trimEnd());
  const mail = mails().filter((m) => m.subject.includes('changecost'));
  expect(mail).toEqual([{ to: 'admin@example.test', subject: '[changecost test site] changecost: new calculation from Erika Muster',
    message: stored.text, headers: ['Content-Type: text/plain; charset=UTF-8', 'Reply-To: erika@example.org'], fails: false }]);

  // The admin's list: changecost > Submissions.
  await page.goto(`${wp}/wp-admin/`);
  const menu = page.locator('#menu-posts-changecost_result');
  await expect(menu.locator('.wp-submenu a')).toHaveText(['Submissions', 'Settings']);
  await expect(menu.locator('.wp-submenu a').last()).toHaveAttribute('href', 'options-general.php?page=changecost');
  await menu.locator('> a').click();
  await expect(page.getByRole('heading', { name: 'Submissions', level: 1 })).toBeVisible();
  const row = page.locator('#the-list tr');
  await expect(row).toHaveCount(1);
  await expect(row.locator('td.column-changecost_name')).toHaveText('Erika Muster');
  await expect(row.locator('td.column-changecost_email')).toHaveText('erika@example.org');
  await expect(row.locator('td.column-changecost_date')).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
  await expect(page.locator('.wrap .page-title-action')).toHaveCount(0); // no "Add New"
  // The first line of the message (else of the text), which opens the submission.
  await expect(row.locator('a.row-title')).toHaveText('Please call me on Monday.');
  await row.locator('a.row-title').click();
  await expect(page.getByLabel('Text sent')).toHaveValue(stored.text);
  await expect(page.getByLabel('Text sent')).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: /Update|Publish/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open the calculation' })).toHaveAttribute('href', stored.link);

  // German, and no list for someone without manage_options.
  php(`update_user_meta(1, 'locale', 'de_DE');`);
  try {
    await page.goto(`${wp}/wp-admin/edit.php?post_type=changecost_result`);
    await expect(page.getByRole('heading', { name: 'Einsendungen', level: 1 })).toBeVisible();
    await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
    await expect(page.getByLabel('Ergebnisse auf dieser Website empfangen')).toBeChecked();
  } finally {
    php(`delete_user_meta(1, 'locale');`);
  }
  expect(php(`wp_set_current_user(wp_insert_user(array('user_login' => 'editor1', 'user_pass' => 'x', 'role' => 'editor')));
    echo current_user_can('edit_posts') && !current_user_can(get_post_type_object('changecost_result')->cap->edit_posts) ? 'no' : 'yes';`)).toBe('no');
  // Not in the REST API, not on the site.
  expect((await page.request.get(`${wp}/?rest_route=/wp/v2/changecost_result`)).status()).toBe(404);
  expect(await (await page.request.get(`${wp}/?post_type=changecost_result`)).text()).not.toContain('Erika');
});

test('the route refuses 40 KB, an invalid e-mail, a foreign link, and a sixth sending within 10 minutes (429)', async ({ request }) => {
  const post = (data, options = {}) => request.post(submitUrl, { data, ...options });
  const valid = { text: 'Summary\nTotal: 1', name: '', email: '', message: '', link: '', lang: 'de' };
  const big = await post(JSON.stringify({ ...valid, text: 'x'.repeat(40 * 1024) }), { headers: { 'Content-Type': 'application/json' } });
  expect(big.status()).toBe(413);
  expect((await post({ ...valid, email: 'not an address' })).status()).toBe(400);
  expect((await post({ ...valid, text: '' })).status()).toBe(400);
  expect((await post({ ...valid, text: 'y'.repeat(20_001) })).status()).toBe(400);
  expect((await post({ ...valid, name: 'n'.repeat(201) })).status()).toBe(400);
  expect((await post({ ...valid, text: ['a'] })).status()).toBe(400);
  expect((await post({ ...valid, link: 'https://elsewhere.example/#cc=abc' })).status()).toBe(400);
  expect((await post({ ...valid, link: 'javascript:alert(1)' })).status()).toBe(400);
  expect(submissions()).toHaveLength(1);

  // Form-encoded, with a mail that fails: still stored and 201. Second from this address.
  php(`update_option('test_mail_fails', 1);`);
  try {
    const form = await request.post(submitUrl, { form: { ...valid, text: 'Form <b>bold</b>', name: 'Form' } });
    expect(form.status()).toBe(201);
    expect(await form.json()).toEqual({ ok: true });
  } finally {
    php(`delete_option('test_mail_fails');`);
  }
  // Kept as the visitor sent it (plain text, only ever shown escaped), markup included.
  expect(submissions()[1]).toMatchObject({ text: 'Form <b>bold</b>', name: 'Form', lang: 'de' });
  expect(mails().at(-1)).toMatchObject({ subject: '[changecost test site] changecost: new calculation from Form', fails: true });

  // Third to fifth; the sixth within 10 minutes is refused.
  for (let i = 3; i <= 5; i += 1) {
    const r = await post({ ...valid, link: `${wp}/?page_id=1#cc=${i}` });
    expect(r.status(), `request ${i}`).toBe(201);
  }
  const refused = await post(valid);
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(300); // the window began at the visitor's sending
  expect(Number(refused.headers()['retry-after'])).toBeLessThanOrEqual(600);
  expect(submissions()).toHaveLength(5);
  expect(submissions()[2]).toMatchObject({ name: '', title: 'Summary', link: `${wp}/?page_id=1#cc=3` });

  // 100 an hour for the whole site: another address finds the site's counter full.
  php(`global $wpdb; $wpdb->delete($wpdb->prefix . 'changecost_rate', array('bucket' => 'ip:' . wp_hash('127.0.0.1')));
    $wpdb->replace($wpdb->prefix . 'changecost_rate', array('bucket' => 'site', 'started' => time(), 'hits' => 100));`);
  const site = await post(valid);
  expect(site.status()).toBe(429);
  expect(Number(site.headers()['retry-after'])).toBeGreaterThan(3000);
  // The site's refusal gave the visitor's slot back: it is still empty.
  expect(php(`global $wpdb; echo (int) $wpdb->get_var($wpdb->prepare("SELECT hits FROM {$wpdb->prefix}changecost_rate WHERE bucket = %s", 'ip:' . wp_hash('127.0.0.1')));`)).toBe('0');
  php(`global $wpdb; $wpdb->delete($wpdb->prefix . 'changecost_rate', array('bucket' => 'site'));`);
  expect((await post(valid)).status()).toBe(201);
  expect(submissions()).toHaveLength(6);
});

test('"ask" from the settings page is the site-wide persist, which a shortcode overrides; the block takes it too', async ({ page }) => {
  const keeps = "What the visitor's browser keeps";
  await login(page);
  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  await page.getByLabel(keeps).selectOption('ask');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByLabel(keeps)).toHaveValue('ask');
  expect(JSON.parse(php(`echo wp_json_encode(get_option('changecost_defaults'));`)).persist).toBe('ask');
  // Only the element's values are kept.
  php(`update_option('changecost_defaults', changecost_sanitize_defaults(array('persist' => 'sometimes')));`);
  expect(JSON.parse(php(`echo wp_json_encode(get_option('changecost_defaults'));`))).not.toHaveProperty('persist');
  php(`update_option('changecost_defaults', changecost_sanitize_defaults(array('persist' => 'ask')));`);

  await page.goto(insertPage('Asks', `[changecost lang="de"]
[changecost lang="en" persist="off" storage-key="off"]
<!-- wp:changecost/calculator {"lang":"en","persist":"ask","storageKey":"block"} /-->`));
  const calcs = page.locator('change-cost');
  await expect(calcs).toHaveCount(3);
  for (const i of [0, 1, 2]) await ready(calcs.nth(i));
  await expect(calcs.nth(0)).toHaveAttribute('persist', 'ask');
  await expect(calcs.nth(0).getByRole('checkbox', { name: 'Meine Eingaben auf diesem Gerät speichern' })).not.toBeChecked();
  await expect(calcs.nth(1)).toHaveAttribute('persist', 'off');
  await expect(calcs.nth(1).getByRole('checkbox')).toHaveCount(0);
  await expect(calcs.nth(2)).toHaveAttribute('persist', 'ask');
  await expect(calcs.nth(2).getByRole('checkbox', { name: 'Keep my entries on this device' })).not.toBeChecked();
  expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('changecost:')))).toEqual([]);

  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  await page.getByLabel(keeps).selectOption('');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect(JSON.parse(php(`echo wp_json_encode(get_option('changecost_defaults'));`))).not.toHaveProperty('persist');
});

test('"Text sent" is escaped once, with the visual editor on and off', async ({ page }) => {
  const [first] = submissions();
  expect(first.text).toMatch(/[&<>"]/);
  const id = php(`global $wpdb; echo $wpdb->get_var("SELECT ID FROM {$wpdb->posts} WHERE post_type = 'changecost_result' ORDER BY ID LIMIT 1");`).trim();
  await login(page);
  for (const rich of ['true', 'false']) {
    php(`update_user_meta(1, 'rich_editing', '${rich}');`);
    await page.goto(`${wp}/wp-admin/post.php?post=${id}&action=edit`);
    await expect(page.getByLabel('Text sent'), `rich_editing ${rich}`).toHaveValue(first.text);
  }
  php(`delete_user_meta(1, 'rich_editing');`);
});

test('the route refuses another site\'s Origin and its form, and an e-mail it would have to repair', async ({ page, request }) => {
  resetLimits();
  const valid = { text: 'Summary\nTotal: 1', name: '', email: '', message: '', link: '', lang: 'en' };
  const count = submissions().length;
  const mailed = mails().length;
  const foreign = await request.post(submitUrl, { data: valid, headers: { Origin: 'https://elsewhere.example' } });
  expect(foreign.status()).toBe(403);
  expect((await foreign.json()).code).toBe('changecost_foreign_origin');
  expect((await request.post(submitUrl, { data: valid, headers: { Origin: 'null' } })).status()).toBe(403);
  // Another loopback port is another origin.
  expect((await request.post(submitUrl, { data: valid, headers: { Origin: 'http://127.0.0.1:1' } })).status()).toBe(403);
  for (const email of ['a@b.test\r\nBcc: x@y.test', 'a@b.test\nBcc: x@y.test', 'a@b.test,x@y.test', 'a b@c.test', '<a@b.test>']) {
    const r = await request.post(submitUrl, { data: { ...valid, email } });
    expect(r.status(), JSON.stringify(email)).toBe(400);
  }
  expect(submissions()).toHaveLength(count);

  // A page on another site whose form posts to the route (no preflight for a form).
  const other = await serve();
  try {
    const url = other.page('/form.html', `<!doctype html><meta charset="utf-8"><title>other site</title>
      <form method="post" action="${submitUrl}"><input name="text" value="From another site"><button>Go</button></form>`,
    "default-src 'none'; form-action *");
    await page.goto(url);
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().startsWith(wp)), page.getByRole('button', { name: 'Go' }).click()]);
    expect(response.status()).toBe(403);
  } finally {
    await other.close();
  }
  expect(submissions()).toHaveLength(count);
  expect(mails()).toHaveLength(mailed);

  // The site's own origin, as the calculator on its pages sends it: accepted.
  const own = await request.post(submitUrl, { data: { ...valid, email: 'own@example.org' }, headers: { Origin: wp } });
  expect(own.status()).toBe(201);
  expect(submissions().at(-1)).toMatchObject({ email: 'own@example.org' });
});

test('40 requests at once from one address: at most 5 stored and 5 mails (4 PHP workers)', async () => {
  resetLimits();
  const count = submissions().length;
  const mailed = mails().length;
  const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(submitUrl, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text: `Concurrent ${i}`, lang: 'en' }),
  }).then((r) => r.status)));
  const accepted = statuses.filter((s) => s === 201).length;
  expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
  expect(accepted).toBeGreaterThan(0);
  expect(accepted).toBeLessThanOrEqual(5);
  expect(submissions().length - count).toBe(accepted);
  expect(mails().length - mailed).toBe(accepted);
  // The counter read back: full until the window ends.
  if (accepted === 5) expect((await fetch(submitUrl, { method: 'POST', body: JSON.stringify({ text: 'One more' }), headers: { 'Content-Type': 'application/json' } })).status).toBe(429);
});

test('behind a proxy: the header named on the settings page, believed only from the proxy\'s addresses', async ({ page }) => {
  resetLimits();
  await login(page);
  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  // The settings page says what to do, and names the filter for code.
  await expect(page.getByText('changecost_client_ip')).toBeVisible();
  const readme = readFileSync(path.join(dir, 'site/wp-content/plugins/changecost/readme.txt'), 'utf8');
  expect(readme).toContain('changecost_client_ip');
  expect(readme).toMatch(/X-Forwarded-For/);
  const send = (xff) => fetch(submitUrl, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': xff },
    body: JSON.stringify({ text: `Via ${xff}` }) }).then((r) => r.status);

  // Safe by default: the header is not believed, so six "visitors" are one, and the sixth waits.
  const plain = [];
  for (let i = 1; i <= 6; i += 1) plain.push(await send(`198.51.100.${i}`));
  expect(plain).toEqual([201, 201, 201, 201, 201, 429]);
  resetLimits();

  await page.getByLabel('Header with the visitor\'s address').selectOption('X-Forwarded-For');
  await page.getByLabel('Addresses of your proxies').fill('127.0.0.1\n10.0.0.0/8');
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect(JSON.parse(php(`echo wp_json_encode(get_option('changecost_proxy'));`))).toEqual({ header: 'X-Forwarded-For', proxies: '127.0.0.1\n10.0.0.0/8' });
  try {
    // Each visitor its own bucket; the address nearest the proxy that is not a proxy.
    const visitors = [];
    for (let i = 1; i <= 6; i += 1) visitors.push(await send(`203.0.113.9, 198.51.100.${i}, 10.1.2.3`));
    expect(visitors).toEqual([201, 201, 201, 201, 201, 201]);
    const same = [];
    for (let i = 1; i <= 6; i += 1) same.push(await send('192.0.2.7'));
    expect(same).toEqual([201, 201, 201, 201, 201, 429]);
  } finally {
    php(`delete_option('changecost_proxy');`);
    resetLimits();
  }
});

test('privacy: export and erase by e-mail address, deletion after 90 days by WP-Cron, a suggested policy text in English and German', async ({ page, request }) => {
  resetLimits();
  // Two from one visitor (one of them 100 days old), one from another.
  for (const [email, text] of [['privacy@example.org', 'Old one'], ['privacy@example.org', 'New one'], ['other@example.org', 'Other']]) {
    expect((await request.post(submitUrl, { data: { text, email, name: 'Pat Privacy', message: `Message ${text}` } })).status()).toBe(201);
  }
  const ids = JSON.parse(php(`global $wpdb; echo wp_json_encode(array_map('intval', $wpdb->get_col("SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key = '_changecost_email' AND meta_value IN ('privacy@example.org', 'other@example.org') ORDER BY post_id")));`));
  expect(ids).toHaveLength(3);

  // Registered with WordPress's privacy tools (Tools > Export / Erase Personal Data).
  const exported = JSON.parse(php(`$all = apply_filters('wp_privacy_personal_data_exporters', array());
    $mine = array_values(array_filter($all, function ($e) { return false !== stripos($e['exporter_friendly_name'], 'changecost'); }));
    echo wp_json_encode(count($mine) === 1 ? call_user_func($mine[0]['callback'], 'privacy@example.org', 1) : $all);`));
  expect(exported.done).toBe(true);
  expect(exported.data).toHaveLength(2);
  const fields = Object.fromEntries(exported.data[0].data.map((d) => [d.name, d.value]));
  expect(fields).toMatchObject({ Name: 'Pat Privacy', 'E-mail': 'privacy@example.org', Message: 'Message Old one', 'Text sent': 'Old one' });
  expect(JSON.stringify(exported)).not.toContain('other@example.org');

  // 90 days by default, on the settings page; the cron event is scheduled.
  expect(php(`echo (int) get_option('changecost_retention', 90);`)).toBe('90');
  expect(php(`echo wp_next_scheduled('changecost_purge') ? 'scheduled' : 'none';`)).toBe('scheduled');
  await login(page);
  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  await expect(page.getByLabel('Delete submissions after (days)')).toHaveValue('90');
  // The oldest made 100 days old; the hook as WP-Cron runs it.
  php(`wp_update_post(array('ID' => ${ids[0]}, 'post_date' => gmdate('Y-m-d H:i:s', time() - 100 * DAY_IN_SECONDS), 'post_date_gmt' => gmdate('Y-m-d H:i:s', time() - 100 * DAY_IN_SECONDS)));
    do_action('changecost_purge');`);
  const left = () => JSON.parse(php(`echo wp_json_encode(array_map(function ($id) { return get_post($id) ? 1 : 0; }, ${JSON.stringify(ids)}));`));
  expect(left()).toEqual([0, 1, 1]);

  // The eraser: that visitor's rest, not the other's.
  const erased = JSON.parse(php(`$all = apply_filters('wp_privacy_personal_data_erasers', array());
    $mine = array_values(array_filter($all, function ($e) { return false !== stripos($e['eraser_friendly_name'], 'changecost'); }));
    echo wp_json_encode(count($mine) === 1 ? call_user_func($mine[0]['callback'], 'privacy@example.org', 1) : $all);`));
  expect(erased).toMatchObject({ items_removed: true, items_retained: false, done: true });
  expect(left()).toEqual([0, 0, 1]);

  // Settings > Privacy > Policy Guide: the plugin's suggested text, in the admin's language.
  await page.goto(`${wp}/wp-admin/privacy-policy-guide.php`);
  await expect(page.getByText('When you choose "Send to the consultant"', { exact: false }).first()).toBeAttached();
  await expect(page.getByText('deleted after 90 days', { exact: false }).first()).toBeAttached();
  php(`update_user_meta(1, 'locale', 'de_DE');`);
  try {
    await page.goto(`${wp}/wp-admin/privacy-policy-guide.php`);
    await expect(page.getByText('Wenn Sie „An den Dienstleister senden“ wählen', { exact: false }).first()).toBeAttached();
  } finally {
    php(`delete_user_meta(1, 'locale');`);
  }
});

test('the list\'s screen options, set by the admin (removed again by uninstall, below)', async ({ page }) => {
  await login(page);
  await page.goto(`${wp}/wp-admin/edit.php?post_type=changecost_result`);
  await page.getByRole('button', { name: 'Screen Options' }).click();
  await page.getByLabel('Number of items per page:').fill('7');
  const hidden = page.waitForResponse((r) => r.url().includes('admin-ajax.php'));
  await page.locator('#changecost_email-hide').uncheck();
  await hidden;
  await page.locator('#screen-options-apply').click();
  await expect(page.locator('#the-list')).toBeVisible();
  expect(JSON.parse(php(`global $wpdb; echo wp_json_encode($wpdb->get_col("SELECT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE '%changecost%' ORDER BY meta_key"));`)))
    .toEqual(['edit_changecost_result_per_page', 'manageedit-changecost_resultcolumnshidden']);
});

test('no notice, warning or deprecation from the plugin\'s files under WP_DEBUG', () => {
  const log = path.join(dir, 'log/debug.log');
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  // WordPress 6.1 on PHP 8.2 logs its own deprecations (so the log works); only ours count.
  expect(lines.filter((l) => /PHP Deprecated/.test(l)).length).toBeGreaterThan(0);
  expect(lines.filter((l) => /wp-content\/plugins\/changecost\//.test(l))).toEqual([]);
  // _doing_it_wrong names WordPress's own file, not the caller (a post type name too long, say).
  expect(lines.filter((l) => /called <strong>incorrectly<\/strong>/.test(l))).toEqual([]);
});

test('uninstalling removes the plugin\'s options, rate counters and submissions', () => {
  expect(php(`echo get_option('changecost_defaults') ? 'set' : 'none';`)).toBe('set');
  expect(php(`echo get_option('changecost_receive');`)).toBe('1');
  // One in the trash too.
  php(`global $wpdb; wp_trash_post($wpdb->get_var("SELECT ID FROM {$wpdb->posts} WHERE post_type = 'changecost_result' LIMIT 1"));`);
  expect(submissions().length).toBeGreaterThan(0);
  const left = `global $wpdb;
    echo wp_json_encode(array(
      'options' => $wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%changecost%'"),
      'posts' => (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'changecost_result'"),
      'meta' => (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key LIKE '\\_changecost\\_%'")));`;
  expect(JSON.parse(php(left)).options.length).toBeGreaterThan(2);
  php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
    deactivate_plugins('changecost/changecost.php');
    uninstall_plugin('changecost/changecost.php');`);
  expect(JSON.parse(php(left))).toEqual({ options: [], posts: 0, meta: 0 });
  // The per-user screen options, the rate table and the cron event too.
  expect(JSON.parse(php(`global $wpdb; $wpdb->suppress_errors(true); echo wp_json_encode(array(
    'usermeta' => $wpdb->get_col("SELECT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE '%changecost%'"),
    'table' => $wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', $wpdb->prefix . 'changecost_rate')),
    'cron' => wp_next_scheduled('changecost_purge')));`))).toEqual({ usermeta: [], table: null, cron: false });
});
