// Part of the release bundle (tools/release.mjs): the version from
// Cargo.toml, and the frame for site builders:
//   frame.html             the calculator alone in a page, attributes as query parameters
//   frame.<hash>.js        its script (www/changecost/frame.js, minified)
//   embed-frame.<hash>.js  the host script that creates and sizes the iframe
// frame.html keeps its name (the host script finds it beside itself) and
// loads the hashed scripts with their Subresource Integrity hashes.
import { readFileSync, writeFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/** The one version: [package] version in Cargo.toml. */
export function cargoVersion() {
  const toml = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
  const pkg = toml.split(/^\[/m).find((section) => section.startsWith('package]'));
  const version = pkg && pkg.match(/^version\s*=\s*"([^"]+)"/m);
  if (!version) throw new Error('release: no [package] version in Cargo.toml');
  return version[1];
}

function replaceOnce(text, from, to, what) {
  if (text.split(from).length !== 2) throw new Error(`release: cannot find ${what} in frame.html`);
  return text.replace(from, to);
}

export function writeFrame({ src, out, script, integrity, wasm, wasmIntegrity, short, sri }) {
  const read = (name) => readFileSync(new URL(name, src), 'utf8');
  const minify = (code, format) => Buffer.from(transformSync(code, { minify: true, target: 'es2022', format }).code);
  const page = minify(read('frame.js'), 'esm');
  const host = minify(read('embed-frame.js'), undefined);
  const names = { script: `frame.${short(page)}.js`, host: `embed-frame.${short(host)}.js` };
  let html = read('frame.html');
  // The wasm preloaded with the page: fetched beside the script, not after
  // it (the loader's own fetch takes the preloaded download).
  html = replaceOnce(html, '<script type="module" src="changecost.js"></script>',
    `<link rel="preload" href="${wasm}" as="fetch" integrity="${wasmIntegrity}" crossorigin="anonymous">
  <script type="module" src="${script}" integrity="${integrity}" crossorigin="anonymous"></script>`, 'the loader');
  html = replaceOnce(html, '<script type="module" src="frame.js"></script>',
    `<script type="module" src="${names.script}" integrity="sha384-${sri(page)}" crossorigin="anonymous"></script>`,
    'frame.js');
  writeFileSync(new URL('frame.html', out), html);
  writeFileSync(new URL(names.script, out), page);
  writeFileSync(new URL(names.host, out), host);
  return {
    page: 'frame.html',
    script: names.script,
    host: names.host,
    hostIntegrity: `sha384-${sri(host)}`,
    files: ['frame.html', names.script, names.host].sort(),
  };
}
