// The WordPress plugin in today's WordPress: the newest release that
// @wp-playground/wordpress-builds ships (6.5 in 0.9.19), run offline by
// WordPress Playground's CLI on PHP 7.4 compiled to WebAssembly, with
// SQLite (tools/wp-playground.mjs). Beside Debian's 6.1 on PHP 8.2 in
// wordpress.spec.js, what changes with the newer WordPress or the older
// PHP: the upload install, the shortcode and block pages through
// wp_enqueue_script_module, the route off and on, the block editor's
// iframed canvas with the plugin active (block API 3), block.json in
// German, the privacy tools and the cron purge on SQLite, no notice from
// the plugin's files, uninstall.
import { test, expect as baseExpect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ready, total, WORKED, T } from '../e2e/helpers.js';
import { PLUGIN_ZIP, ROOT, VERSION } from './util.js';

// PHP in WebAssembly is several times slower than PHP: a page takes 1 to
// 10 s here, and the block editor's first load (a dozen requests) up to
// minutes when the machine is busy. Longer waits, no timing assertion.
test.describe.configure({ mode: 'serial', timeout: 300_000 });
const expect = baseExpect.configure({ timeout: 30_000 });

let dir;
let site; // the CLI's process (through tools/wp-playground.mjs)
let wp; // http://127.0.0.1:<port>
let wpVersion;
let key;
const started = Date.now();

/**
 * PHP with WordPress loaded, as no user (the test site's runner, tools/wp-playground.mjs);
 * `admin` runs it in an admin request (admin-ajax.php) as user 1.
 */
async function php(code, { admin = false } = {}) {
  const r = await fetch(`${wp}/${admin ? 'wp-admin/admin-ajax.php' : 'wp-load.php'}`, {
    method: 'POST', headers: { 'X-Changecost-Test': key, ...(admin ? { 'X-Changecost-Test-User': '1' } : {}) }, body: code,
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`php failed (${r.status}): ${text}`);
  return text;
}

/** POSTs JSON to the site (fetch: no timeout of its own; a request may take long on a busy machine); the status. */
async function post(url, data, headers = {}) {
  const r = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(data) });
  await r.arrayBuffer();
  return r.status;
}

async function insertPage(title, content) {
  const id = (await php(`wp_set_current_user(1);
    echo wp_insert_post(array('post_type' => 'page', 'post_status' => 'publish', 'post_title' => ${JSON.stringify(title)},
      'post_content' => base64_decode('${Buffer.from(content).toString('base64')}')), true);`)).trim();
  expect(id).toMatch(/^\d+$/);
  return `${wp}/?page_id=${id}`;
}

async function login(page) {
  await page.goto(`${wp}/wp-login.php`);
  await expect(page.locator('#user_login')).toBeFocused();
  await page.locator('#user_login').fill('admin');
  await page.locator('#user_pass').fill('password');
  await expect(page.locator('#user_login')).toHaveValue('admin');
  await page.locator('#wp-submit').click();
  await expect(page).toHaveURL(/wp-admin/);
}

/** The mails wp_mail was asked to send (the site's mu-plugin writes them to log/mail.log). */
function mails() {
  const log = path.join(dir, 'log/mail.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
}

async function submissions() {
  return JSON.parse(await php(`global $wpdb;
    $out = array();
    foreach ($wpdb->get_col("SELECT ID FROM {$wpdb->posts} WHERE post_type = 'changecost_result' ORDER BY ID") as $id) {
      $p = get_post($id);
      $row = array('status' => $p->post_status, 'text' => $p->post_content);
      foreach (array('name', 'email', 'message', 'link', 'lang') as $k) { $row[$k] = get_post_meta($id, '_changecost_' . $k, true); }
      $out[] = $row;
    }
    echo wp_json_encode($out);`));
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = path.join(os.tmpdir(), `changecost-wpp-${process.pid}-${Date.now()}`);
  // In a process group of its own (the CLI with it), ended by afterAll, or by
  // its standard input closing if this worker dies first.
  site = spawn(process.execPath, [path.join(ROOT, 'tools/wp-playground.mjs'), 'start', dir, '--until-stdin-closes'], {
    detached: true, stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const line = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk;
      const m = output.match(/^ready (\S+) (\S+) php (\S+)$/m);
      if (m) resolve(m);
    };
    site.stdout.on('data', onData);
    site.stderr.on('data', onData);
    site.on('exit', (code) => reject(new Error(`tools/wp-playground.mjs ended (${code}):\n${output}`)));
  });
  [, wp, wpVersion] = line;
  key = readFileSync(path.join(dir, 'key'), 'utf8');
  console.log(`wordpress-playground.spec.js: WordPress ${wpVersion} on PHP ${line[3]} (Playground) at ${wp}, ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test.afterAll(async () => {
  if (site && site.exitCode === null) {
    const ended = new Promise((resolve) => site.on('exit', resolve));
    process.kill(-site.pid, 'SIGTERM');
    await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
  console.log(`wordpress-playground.spec.js: ${((Date.now() - started) / 1000).toFixed(1)} s with setup and teardown`);
});

test('the plugin zip installs through Plugins > Add New > Upload and activates', async ({ page }) => {
  // The newest release of the builds package (unless PLAYGROUND_WP asks for its beta or nightly), on PHP 7.4.
  if (!process.env.PLAYGROUND_WP) expect(wpVersion).toMatch(/^\d+\.\d+(\.\d+)?$/);
  if (!process.env.PLAYGROUND_PHP) expect(await php('echo PHP_VERSION;')).toMatch(/^7\.4\./);
  await login(page);
  await page.goto(`${wp}/wp-admin/plugin-install.php?tab=upload`);
  await page.locator('input[name=pluginzip]').setInputFiles(PLUGIN_ZIP);
  await page.locator('#install-plugin-submit').click();
  await expect(page.getByText('Plugin installed successfully.')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('link', { name: 'Activate Plugin' }).click();
  await expect(page.getByText('Plugin activated.')).toBeVisible();
  expect(await php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
    echo is_plugin_active('changecost/changecost.php') ? 'active' : 'inactive', ' ',
      get_plugin_data(WP_PLUGIN_DIR . '/changecost/changecost.php')['Version'];`)).toBe(`active ${VERSION}`);
});

test('the shortcode and the block give the worked example, through wp_enqueue_script_module with the integrity', async ({ page }) => {
  const shortcode = await insertPage('Shortcode', '[changecost rate="95" hours="120" lang="en" persist="off"]');
  const block = await insertPage('Block', '<!-- wp:changecost/calculator {"rate":"95","hours":"120","lang":"de","persist":"off","locked":"rate"} /-->');
  const plain = await insertPage('Plain', '<p>No calculator here.</p>');
  const manifest = JSON.parse(await php(`echo file_get_contents(WP_PLUGIN_DIR . '/changecost/assets/manifest.json');`));
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let wasm = [];
  page.on('request', (r) => { if (/\.wasm(\.gz)?$/.test(r.url())) wasm.push(r.url()); });

  for (const [url, hourly, fixed] of [[shortcode, '€15,646.50', '€17,214.00'], [block, '15.646,50 €', '17.214,00 €']]) {
    wasm = [];
    await page.goto(url);
    const calc = page.locator('change-cost');
    await ready(calc);
    await calc.evaluate((el, s) => { el.scenario = s; }, WORKED);
    await expect(total(calc, 'hourly')).toHaveAttribute('data-cents', '1564650');
    await expect(total(calc, 'fixed')).toHaveAttribute('data-cents', '1721400');
    await expect(total(calc, 'hourly')).toHaveText(hourly);
    await expect(total(calc, 'fixed')).toHaveText(fixed);
    // The script module of WordPress 6.5 and later (id "changecost-js-module"), with its hash.
    const script = page.locator('script[src*="/wp-content/plugins/changecost/assets/changecost."]');
    await expect(script).toHaveCount(1);
    await expect(script).toHaveAttribute('type', 'module');
    await expect(script).toHaveAttribute('id', 'changecost-js-module');
    await expect(script).toHaveAttribute('integrity', manifest.integrity);
    // The gzipped wasm the loader fetches (issue 24), with the integrity it fetches it with.
    const hint = page.locator('link[rel="preload"][as="fetch"][href$=".wasm.gz"]');
    await expect(hint).toHaveCount(1);
    await expect(hint).toHaveAttribute('integrity', manifest.wasmIntegrity);
    expect(wasm).toEqual([await hint.evaluate((l) => l.href)]);
  }
  await expect(page.locator('change-cost')).toHaveAttribute('lock', 'rate');
  await expect(page.locator('change-cost').getByLabel(T.de.rate, { exact: true })).toHaveAttribute('readonly', '');
  await page.goto(plain);
  await expect(page.getByText('No calculator here.')).toBeVisible();
  expect(await page.content()).not.toContain('/plugins/changecost/');
  expect(errors).toEqual([]);
});

test('the route: 404 while receiving is off; on, a visitor\'s sending is stored and mailed, another site\'s refused', async ({ page, browser }) => {
  const route = `${wp}/wp-json/changecost/v1/submit`;
  expect(await post(route, { text: 'Summary\nTotal: 1' })).toBe(404);
  expect(await submissions()).toEqual([]);
  expect(mails()).toEqual([]);

  await login(page);
  await page.goto(`${wp}/wp-admin/options-general.php?page=changecost`);
  await page.getByLabel('Receive results on this site').check();
  await page.getByRole('button', { name: 'Save Changes' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  // Pretty permalinks here: the route under /wp-json/.
  expect(await php(`echo rest_url('changecost/v1/submit');`)).toBe(route);

  // The calculator on a page gets the route. (The sending through the form is
  // wordpress.spec.js's; here the request as the calculator makes it: the
  // widget gives up after 10 s, which PHP in WebAssembly may take on a busy machine.)
  const visitor = await browser.newPage();
  try {
    await visitor.goto(await insertPage('Send', '[changecost lang="en" rate="95" hours="120" persist="off"]'));
    await ready(visitor.locator('change-cost'));
    await expect(visitor.locator('change-cost')).toHaveAttribute('endpoint', route);
  } finally {
    await visitor.close();
  }
  expect(await post(route, { text: 'What will your changes cost?\nTotal: €15,646.50', name: 'Erika Muster', email: 'erika@example.org',
    message: 'R&D < 2 days', lang: 'en' }, { Origin: wp })).toBe(201);
  const [stored] = await submissions();
  expect(stored).toMatchObject({ status: 'private', name: 'Erika Muster', email: 'erika@example.org', message: 'R&D < 2 days',
    text: 'What will your changes cost?\nTotal: €15,646.50' });
  expect(mails()).toMatchObject([{ message: stored.text, headers: ['Content-Type: text/plain; charset=UTF-8', 'Reply-To: erika@example.org'], fails: false }]);
  expect(await post(route, { text: 'x' }, { Origin: 'https://elsewhere.example' })).toBe(403);
  expect(await post(route, { text: 'x', email: 'a@b.test\r\nBcc: x@y.test' })).toBe(400);
  expect(await submissions()).toHaveLength(1);
  expect(mails()).toHaveLength(1);
});

test('the block editor keeps its canvas in an iframe with the plugin active (block API 3); block.json in German', async ({ page }) => {
  await login(page);
  await page.goto(`${wp}/wp-admin/post-new.php?post_type=page`);
  await page.waitForFunction(() => window.wp?.data?.select('core/block-editor') && window.wp.blocks.getBlockType('changecost/calculator'), null, { timeout: 240_000 });
  await page.evaluate(() => window.wp.data.dispatch('core/preferences')?.set('core/edit-post', 'welcomeGuide', false));
  // WordPress 6.5 iframes the post editor's canvas only while every registered block is API 3.
  const canvas = page.frameLocator('iframe[name="editor-canvas"]');
  await expect(page.locator('iframe[name="editor-canvas"]')).toHaveCount(1);
  expect(await page.evaluate(() => window.wp.blocks.getBlockType('changecost/calculator').apiVersion)).toBe(3);
  await page.evaluate(() => {
    const block = window.wp.blocks.createBlock('changecost/calculator', { lang: 'en' });
    window.wp.data.dispatch('core/block-editor').insertBlocks(block);
  });
  await expect(canvas.getByText('The calculator appears on the published page.', { exact: false })).toBeVisible();

  // block.json in German for a German admin: WordPress translates it when the
  // block is registered, and the editor shows what it got (wordpress.spec.js
  // looks in the editor).
  await php(`update_user_meta(1, 'locale', 'de_DE');`);
  try {
    expect(JSON.parse(await php(`$type = WP_Block_Type_Registry::get_instance()->get_registered('changecost/calculator');
      echo wp_json_encode(array('locale' => determine_locale(), 'title' => $type->title, 'keywords' => $type->keywords));`, { admin: true })))
      .toEqual({ locale: 'de_DE', title: 'Rechner für Änderungskosten', keywords: ['Rechner', 'Festpreis', 'Stundensatz', 'Änderungsantrag'] });
  } finally {
    await php(`delete_user_meta(1, 'locale');`);
  }
});

test('privacy on SQLite: export and erase by e-mail address, the cron purge after the retention period', async () => {
  const exported = JSON.parse(await php(`$all = apply_filters('wp_privacy_personal_data_exporters', array());
    echo wp_json_encode(isset($all['changecost']) ? call_user_func($all['changecost']['callback'], 'erika@example.org', 1) : array_keys($all));`));
  expect(exported).toMatchObject({ done: true, data: [{ group_id: 'changecost-submissions' }] });
  await php(`global $wpdb; wp_update_post(array('ID' => $wpdb->get_var("SELECT ID FROM {$wpdb->posts} WHERE post_type = 'changecost_result'"),
    'post_date_gmt' => gmdate('Y-m-d H:i:s', time() - 91 * DAY_IN_SECONDS), 'post_date' => gmdate('Y-m-d H:i:s', time() - 91 * DAY_IN_SECONDS)));`);
  expect(await php(`echo wp_next_scheduled('changecost_purge') ? 'scheduled' : 'none';`)).toBe('scheduled');
  await php(`do_action('changecost_purge');`);
  expect(await submissions()).toEqual([]);
  const erased = JSON.parse(await php(`$all = apply_filters('wp_privacy_personal_data_erasers', array());
    echo wp_json_encode(isset($all['changecost']) ? call_user_func($all['changecost']['callback'], 'erika@example.org', 1) : array_keys($all));`));
  expect(erased).toMatchObject({ items_removed: false, done: true });
});

test('no notice, warning or deprecation from the plugin\'s files under WP_DEBUG', () => {
  const log = path.join(dir, 'log/debug.log');
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
  expect(lines.filter((l) => /wp-content\/plugins\/changecost\//.test(l))).toEqual([]);
  expect(lines.filter((l) => /called <strong>incorrectly<\/strong>/.test(l))).toEqual([]);
});

test('uninstalling removes the options, the rate table, the submissions, the cron event and screen options', async () => {
  await php(`update_user_meta(1, 'edit_changecost_result_per_page', 7);`);
  expect(await php(`echo get_option('changecost_receive');`)).toBe('1');
  const left = `global $wpdb; $wpdb->suppress_errors(true);
    echo wp_json_encode(array(
      'options' => $wpdb->get_col("SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%changecost%'"),
      'posts' => (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->posts} WHERE post_type = 'changecost_result'"),
      'usermeta' => $wpdb->get_col("SELECT meta_key FROM {$wpdb->usermeta} WHERE meta_key LIKE '%changecost%'"),
      'table' => false !== $wpdb->query("SELECT 1 FROM {$wpdb->prefix}changecost_rate LIMIT 1"),
      'cron' => wp_next_scheduled('changecost_purge')));`;
  expect(JSON.parse(await php(left)).table).toBe(true);
  await php(`require_once ABSPATH . 'wp-admin/includes/plugin.php';
    deactivate_plugins('changecost/changecost.php');
    uninstall_plugin('changecost/changecost.php');`);
  expect(JSON.parse(await php(left))).toEqual({ options: [], posts: 0, usermeta: [], table: false, cron: false });
});
