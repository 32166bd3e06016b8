// The configurator: the consultant's form becomes the attributes of a live
// <change-cost> and the two-line embed snippet, pointing at the hashed
// release files with their Subresource Integrity hash, and the optional
// preload line for the .wasm.
const form = document.getElementById('config');
const base = document.getElementById('base');
const snippet = document.getElementById('snippet');
const copied = document.getElementById('copied');

// The release bundle: release/ on the demo site, changecost/ in the download.
const bundle = document.querySelector('meta[name="changecost-bundle"]')?.content || 'release/';
const manifest = await fetch(`${bundle}manifest.json`).then((r) => r.json());
// The release script defines <change-cost>, exactly as on the consultant's site.
await import(`./${bundle}${manifest.script}`);

const preview = document.createElement('change-cost');
preview.setAttribute('persist', 'off');
document.getElementById('preview').append(preview);

const files = document.getElementById('files');
for (const name of manifest.files) {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `${bundle}${name}`;
  a.download = name;
  a.textContent = name;
  li.append(a);
  files.append(li);
}

const escape = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The attributes the form sets, in form order, without defaults. */
function chosen() {
  const data = new FormData(form);
  const attrs = [];
  for (const name of ['lang', 'currency', 'rate', 'vat', 'preset', 'hours', 'hours-low', 'hours-high', 'premium',
    'fixed-price', 'allowance', 'cr-rate', 'cr-admin', 'switch', 'cap', 'overhead', 'multipliers', 'remaining',
    'trials', 'theme', 'contact', 'endpoint', 'endpoint-format', 'example', 'storage-key']) {
    const value = String(data.get(name) ?? '').trim();
    if (value) attrs.push([name, value]);
  }
  const models = data.getAll('models');
  if (models.length && models.join(' ') !== 'hourly fixed') attrs.push(['models', models.join(' ')]);
  const lock = data.getAll('lock');
  if (lock.length) attrs.push(['lock', lock.join(' ')]);
  const persist = data.get('persist');
  if (persist === 'off' || persist === 'ask') attrs.push(['persist', persist]);
  return attrs;
}

function update() {
  const attrs = chosen();
  const keep = new Set(['persist', ...attrs.map(([n]) => n)]);
  for (const { name } of [...preview.attributes]) if (!keep.has(name)) preview.removeAttribute(name);
  for (const [name, value] of attrs) if (name !== 'persist') preview.setAttribute(name, value);
  // The preview keeps nothing in the consultant's browser, unless they tick its box under "ask".
  const persist = attrs.some(([n, v]) => n === 'persist' && v === 'ask') ? 'ask' : 'off';
  if (preview.getAttribute('persist') !== persist) preview.setAttribute('persist', persist);
  let folder = base.value.trim() || '/';
  if (!folder.endsWith('/')) folder += '/';
  const element = attrs.map(([n, v]) => ` ${n}="${escape(v)}"`).join('');
  snippet.value = `<script type="module" src="${escape(folder + manifest.script)}" integrity="${manifest.integrity}" crossorigin="anonymous"></script>\n<change-cost${element}></change-cost>`;
  document.getElementById('snippet-preload').value = `<link rel="preload" href="${escape(folder + manifest.wasm)}" as="fetch" integrity="${manifest.wasmIntegrity}" crossorigin="anonymous">`;
  copied.textContent = '';
  document.getElementById('copied-preload').textContent = '';
  otherWays(attrs, folder, element);
}

/** The snippets of the other three ways: npm, the WordPress shortcode, the frame. */
function otherWays(attrs, folder, element) {
  const version = manifest.version ?? '';
  for (const el of [document.getElementById('version'), ...document.querySelectorAll('.version')]) el.textContent = version;
  let cdn = document.getElementById('cdn').value.trim() || 'https://cdn.jsdelivr.net/npm/';
  if (!cdn.endsWith('/')) cdn += '/';
  document.getElementById('snippet-npm').value = `<!-- npm install changecost@${version}, then: import 'changecost/define'; -->
<!-- or without a build step, from a public npm CDN: -->
<script type="module" src="${escape(`${cdn}changecost@${version}/changecost.js`)}"></script>
<change-cost${element}></change-cost>`;
  // Shortcode values: no quotes or square brackets inside (WordPress ends the value or the shortcode there).
  const short = (value) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\[/g, '&#91;').replace(/\]/g, '&#93;');
  document.getElementById('snippet-wordpress').value = `[changecost${attrs.map(([n, v]) => ` ${n}="${short(v)}"`).join('')}]`;
  let site;
  try {
    site = new URL(folder, document.getElementById('site').value.trim() || 'https://your.site');
  } catch {
    site = new URL(folder, 'https://your.site');
  }
  const data = attrs.map(([n, v]) => ` data-${n}="${escape(v)}"`).join('');
  document.getElementById('snippet-frame').value = `<script src="${escape(new URL(manifest.frame.host, site).href)}"${data}></script>`;
  const frame = new URL(manifest.frame.page, site);
  frame.search = new URLSearchParams(attrs).toString();
  document.getElementById('frame-url').value = frame.href;
  document.getElementById('copied-way').textContent = '';
}

form.addEventListener('input', update);
base.addEventListener('input', update);
for (const id of ['cdn', 'site']) document.getElementById(id).addEventListener('input', update);
for (const button of document.querySelectorAll('button[data-copy]')) {
  button.addEventListener('click', async () => {
    const area = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status ?? 'copied-way');
    try {
      await navigator.clipboard.writeText(area.value);
      status.textContent = 'Copied.';
    } catch {
      area.focus();
      area.select();
      status.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
    }
  });
}
document.getElementById('copy').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(snippet.value);
    copied.textContent = 'Copied.';
  } catch {
    // No clipboard (permission denied, insecure context): select it instead.
    snippet.focus();
    snippet.select();
    copied.textContent = 'Selected: press Ctrl+C (or ⌘C) to copy.';
  }
});
update();
