#!/usr/bin/env node
// `make dist`: the three artifacts a consultant or developer downloads,
// written to dist/ from the built release bundle (www/release/):
//   changecost-<version>.zip            the release bundle with INSTALL.md, LICENSE,
//                                       CHANGELOG.md, an example page and the configurator
//   changecost-<version>.tgz            the npm package (npm pack)
//   changecost-wordpress-<version>.zip  the WordPress plugin
// The version is Cargo.toml's. Staging folders are under target/dist/.
import { execFileSync } from 'node:child_process';
import {
  cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { mergeLoader } from './loader.mjs';
import { cargoVersion } from './release-frame.mjs';
import { manifest as elementsManifest } from '../packaging/npm/api.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const at = (...p) => path.join(root, ...p);
const read = (...p) => readFileSync(at(...p));
const version = cargoVersion();
const release = JSON.parse(read('www/release/manifest.json'));
if (release.version !== version) throw new Error(`dist: www/release is ${release.version}, Cargo.toml says ${version}: make build`);
const fill = (text, values) => text.replace(/\{\{([A-Z_]+)\}\}/g, (m, k) => {
  if (!(k in values)) throw new Error(`dist: no value for ${m}`);
  return values[k];
});
const VALUES = {
  VERSION: version, SCRIPT: release.script, INTEGRITY: release.integrity, HOST_SCRIPT: release.frame.host,
  WASM: release.wasm, WASM_INTEGRITY: release.wasmIntegrity,
};

const stage = at('target/dist');
const out = at('dist');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// ---------------------------------------------------------------- zip files
const CRC = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(bytes) {
  let c = -1;
  for (const b of bytes) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** Every file under `dir`, as paths relative to it, sorted. */
function walk(dir, prefix = '') {
  return readdirSync(path.join(dir, prefix)).sort().flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, rel)).isDirectory() ? walk(dir, rel) : [rel];
  });
}

/**
 * A zip of `dir` whose entries all start with `top/` (when given); deflated, with a fixed
 * date (1 January 2020), so the same files give the same bytes.
 */
function zip(dir, top, file) {
  const locals = [];
  const central = [];
  let offset = 0;
  const DATE = ((2020 - 1980) << 9) | (1 << 5) | 1;
  for (const rel of walk(dir)) {
    const data = readFileSync(path.join(dir, rel));
    const name = Buffer.from(top ? `${top}/${rel}` : rel, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    // The fields the local header (from byte 4) and the central directory
    // entry (from byte 6) share: version needed, flags, method, time, date,
    // CRC, sizes, name length.
    const common = (buf, at) => {
      buf.writeUInt16LE(20, at);
      buf.writeUInt16LE(0x0800, at + 2); // UTF-8 names
      buf.writeUInt16LE(8, at + 4);
      buf.writeUInt16LE(0, at + 6);
      buf.writeUInt16LE(DATE, at + 8);
      buf.writeUInt32LE(crc, at + 10);
      buf.writeUInt32LE(packed.length, at + 14);
      buf.writeUInt32LE(data.length, at + 18);
      buf.writeUInt16LE(name.length, at + 22);
    };
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    common(head, 4);
    locals.push(head, name, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(0x0314, 4); // made by: unix, 2.0
    common(entry, 6);
    entry.writeUInt32LE(((0o100644 << 16) >>> 0), 38);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += head.length + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(file, Buffer.concat([...locals, directory, end]));
}

// --------------------------------------------------- 1. the release bundle
const bundleName = `changecost-${version}`;
const bundle = path.join(stage, bundleName);
const folder = path.join(bundle, 'changecost');
mkdirSync(folder, { recursive: true });
for (const name of [...release.files, ...release.frame.files, 'manifest.json']) {
  cpSync(at('www/release', name), path.join(folder, name));
}
cpSync(at('packaging/bundle/htaccess'), path.join(folder, '.htaccess'));
writeFileSync(path.join(bundle, 'INSTALL.md'), fill(read('packaging/bundle/INSTALL.md').toString(), VALUES));
writeFileSync(path.join(bundle, 'example.html'), fill(read('packaging/bundle/example.html').toString(), VALUES));
for (const name of ['LICENSE', 'CHANGELOG.md']) cpSync(at(name), path.join(bundle, name));
for (const name of ['configure.js', 'configure.css', 'site.css', 'favicon.svg']) cpSync(at('www', name), path.join(bundle, name));
// The configurator finds the bundle in changecost/ instead of release/.
const configure = read('www/configure.html').toString();
const bundleMeta = '<meta name="changecost-bundle" content="release/">';
if (!configure.includes(bundleMeta)) throw new Error('dist: configure.html has no changecost-bundle meta');
// Its links to the demo page lead to the example page instead.
writeFileSync(path.join(bundle, 'configure.html'), configure
  .replace(bundleMeta, '<meta name="changecost-bundle" content="changecost/">').replaceAll('href="./"', 'href="example.html"'));
zip(bundle, bundleName, path.join(out, `${bundleName}.zip`));

// ------------------------------------------------------ 2. the npm package
// element.js: the release script without its one registering line (the
// merge of tools/loader.mjs); with that line it must be the release script
// byte for byte, or www/release is not built from these sources.
const mergedLoader = async ({ register }) => (await mergeLoader(new URL('../www/changecost/', import.meta.url), { register })).script;
if (!(await mergedLoader({ register: true })).equals(read('www/release', release.script))) {
  throw new Error('dist: tools/dist.mjs no longer merges the loader as tools/release.mjs does');
}
const npm = path.join(stage, 'npm');
mkdirSync(npm, { recursive: true });
writeFileSync(path.join(npm, 'element.js'), await mergedLoader({ register: false }));
writeFileSync(path.join(npm, 'changecost.js'), `// Registers <change-cost> on import, and exports what element.js exports.
import { define } from './element.js';

define();
export * from './element.js';
`);
// The files element.js loads beside itself: the wasm (gzipped, and whole), the worker, each language's words (gzipped, and whole).
const languageFiles = Object.values(release.texts).flatMap((t) => [t.file, t.uncompressed]);
for (const name of [release.wasm, release.wasmUncompressed, release.worker, ...languageFiles]) {
  cpSync(at('www/release', name), path.join(npm, name));
}
for (const name of ['element.d.ts', 'define.d.ts', 'jsx.d.ts']) cpSync(at('packaging/npm', name), path.join(npm, name));
writeFileSync(path.join(npm, 'README.md'), fill(read('packaging/npm/README.md').toString(), VALUES));
for (const name of ['LICENSE', 'CHANGELOG.md']) cpSync(at(name), path.join(npm, name));
writeFileSync(path.join(npm, 'custom-elements.json'), `${JSON.stringify(elementsManifest(version), null, 2)}\n`);
const cargo = read('Cargo.toml').toString();
const pkg = {
  name: 'changecost',
  version,
  description: cargo.match(/^description\s*=\s*"([^"]*)"/m)[1],
  keywords: ['web-component', 'custom-element', 'calculator', 'fixed-price', 'hourly-rate', 'webassembly'],
  license: 'MIT OR Apache-2.0',
  type: 'module',
  main: './element.js',
  module: './element.js',
  types: './element.d.ts',
  unpkg: './changecost.js',
  jsdelivr: './changecost.js',
  exports: {
    '.': { types: './element.d.ts', default: './element.js' },
    './define': { types: './define.d.ts', default: './changecost.js' },
    './changecost.js': { types: './define.d.ts', default: './changecost.js' },
    './element.js': { types: './element.d.ts', default: './element.js' },
    './jsx': { types: './jsx.d.ts' },
    './custom-elements.json': './custom-elements.json',
    './package.json': './package.json',
  },
  files: ['element.js', 'changecost.js', release.wasm, release.wasmUncompressed, release.worker, ...languageFiles, '*.d.ts',
    'custom-elements.json', 'CHANGELOG.md'],
  sideEffects: ['./changecost.js'],
  customElements: 'custom-elements.json',
  peerDependencies: { '@types/react': '>=19' },
  peerDependenciesMeta: { '@types/react': { optional: true } },
};
writeFileSync(path.join(npm, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
  cwd: npm, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false' },
}))[0];

// --------------------------------------------------- 3. the WordPress plugin
const wp = path.join(stage, 'wordpress', 'changecost');
cpSync(at('packaging/wordpress/changecost'), wp, { recursive: true });
for (const rel of walk(wp)) {
  if (/\.(php|json|txt)$/.test(rel)) {
    const file = path.join(wp, rel);
    writeFileSync(file, fill(readFileSync(file, 'utf8'), VALUES));
  }
}
mkdirSync(path.join(wp, 'assets'));
for (const name of [...release.files, 'manifest.json']) cpSync(at('www/release', name), path.join(wp, 'assets', name));
cpSync(at('LICENSE'), path.join(wp, 'LICENSE'));
writeTranslations(path.join(wp, 'languages'));
zip(path.join(stage, 'wordpress'), '', path.join(out, `changecost-wordpress-${version}.zip`));

/** The German admin texts: .po (for translators), .mo (PHP), and the editor script's JSON. */
function writeTranslations(dir) {
  mkdirSync(dir, { recursive: true });
  const de = JSON.parse(read('packaging/wordpress/languages/de_DE.json'));
  const header = 'Content-Type: text/plain; charset=UTF-8\nLanguage: de_DE\nPlural-Forms: nplurals=2; plural=(n != 1);\n';
  const quote = (s) => JSON.stringify(s);
  // A key "context\u0004text" is a text with its context (block.json's strings: "block title" and so on),
  // as .mo files and Jed's JSON spell it; the .po spells it msgctxt.
  const po = [`msgid ""\nmsgstr ${quote(header)}\n`, ...Object.entries(de).map(([en, t]) => {
    const [context, id] = en.includes('\u0004') ? en.split('\u0004') : [null, en];
    return `${context === null ? '' : `msgctxt ${quote(context)}\n`}msgid ${quote(id)}\nmsgstr ${quote(t)}\n`;
  })];
  writeFileSync(path.join(dir, 'changecost-de_DE.po'), po.join('\n'));
  // GNU .mo: header, two tables of (length, offset), then the strings, each NUL-terminated.
  const entries = [['', header], ...Object.entries(de)].sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const n = entries.length;
  const table = 28;
  let cursor = table + n * 16;
  const ids = [];
  const strs = [];
  const blobs = [];
  for (const [list, index] of [[ids, 0], [strs, 1]]) {
    for (const entry of entries) {
      const bytes = Buffer.from(entry[index], 'utf8');
      list.push([bytes.length, cursor]);
      blobs.push(bytes, Buffer.from([0]));
      cursor += bytes.length + 1;
    }
  }
  const head = Buffer.alloc(table + n * 16);
  head.writeUInt32LE(0x950412de, 0);
  head.writeUInt32LE(0, 4);
  head.writeUInt32LE(n, 8);
  head.writeUInt32LE(table, 12);
  head.writeUInt32LE(table + n * 8, 16);
  head.writeUInt32LE(0, 20);
  head.writeUInt32LE(table + n * 16, 24);
  [...ids, ...strs].forEach(([length, offset], i) => {
    head.writeUInt32LE(length, table + i * 8);
    head.writeUInt32LE(offset, table + i * 8 + 4);
  });
  writeFileSync(path.join(dir, 'changecost-de_DE.mo'), Buffer.concat([head, ...blobs]));
  const messages = { '': { domain: 'messages', lang: 'de_DE', 'plural-forms': 'nplurals=2; plural=(n != 1);' } };
  for (const [en, t] of Object.entries(de)) messages[en] = [t];
  const jed = { 'translation-revision-date': '2020-01-01 00:00+0000', generator: 'changecost tools/dist.mjs',
    domain: 'messages', locale_data: { messages } };
  writeFileSync(path.join(dir, 'changecost-de_DE-changecost-block-editor.json'), `${JSON.stringify(jed)}\n`);
}

// ------------------------------------------------------------------ report
const artifacts = [`${bundleName}.zip`, packed.filename, `changecost-wordpress-${version}.zip`];
for (const name of artifacts) {
  if (!existsSync(path.join(out, name))) throw new Error(`dist: ${name} was not written`);
  console.log(`dist/${name.padEnd(36)} ${String(statSync(path.join(out, name)).size).padStart(9)} bytes`);
}
