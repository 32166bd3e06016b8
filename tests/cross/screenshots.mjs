#!/usr/bin/env node
// Screenshots of the widget in WebKit and in Firefox at 390 px (a phone)
// and 1280 px (a laptop), in German and English, with MODEL.md's worked
// example and its simulation settled, for a reviewer to look at:
//
//     make screenshots     ->  target/screenshots/<engine>-<lang>-<width>.png
//
// The widget is rendered in a frame of exactly that width (a window cannot
// be made 390 px wide in every engine), as tall as its content, under the
// strict CSP of tools/serve.py.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Engine } from './lib/browser.mjs';
import { crop } from './lib/png.mjs';
import { ROOT, Server, html } from './lib/server.mjs';
import { WORKED } from './lib/worked.mjs';

const OUT = path.join(ROOT, 'target/screenshots');
const WIDTHS = [390, 1280];
const LANGS = ['de', 'en'];
const engines = process.argv.slice(2).length ? process.argv.slice(2) : ['webkit', 'firefox'];

const server = await new Server().start();
for (const lang of LANGS) {
  server.route(`/cross/shot-${lang}.html`, html({
    lang, title: `widget ${lang}`,
    body: `<change-cost lang="${lang}" persist="off" models="hourly fixed capped"></change-cost>`,
  }));
}
for (const width of WIDTHS) {
  server.route(`/cross/shot-${width}.css`, `body { margin: 0; } iframe { border: 0; display: block; width: ${width}px; height: 600px; }`,
    { type: 'text/css' });
}

mkdirSync(OUT, { recursive: true });
const written = [];
let failed = false;
for (const key of engines) {
  const engine = await new Engine(key).start();
  try {
    const s = await engine.session({ width: 1300, height: 900 });
    for (const width of WIDTHS) {
      for (const lang of LANGS) {
        server.route(`/cross/shot-${width}-${lang}.html`, html({
          loader: false, title: `${width} px`,
          head: `<link rel="stylesheet" href="/cross/shot-${width}.css">`,
          body: `<iframe id="shot" src="/cross/shot-${lang}.html" title="changecost"></iframe>`,
        }));
        await s.goto(`${server.origin}/cross/shot-${width}-${lang}.html`);
        await s.driver.switchTo().frame(await s.driver.findElement({ id: 'shot' }));
        await s.ready('change-cost');
        await s.js('document.querySelector("change-cost").scenario = arguments[0]', WORKED);
        // Settled: the simulation has run and the chart has its band.
        const height = await s.until(`const r = document.querySelector('change-cost').shadowRoot;
          const cc = r.querySelector('.cc');
          return !cc.hasAttribute('data-stale') && r.querySelector('figure.chart svg polygon.band')
            ? Math.ceil(document.documentElement.scrollHeight) : null`, [], Boolean, 'the settled widget');
        await s.driver.switchTo().defaultContent();
        await s.js('document.getElementById("shot").style.height = arguments[0] + "px"', height);
        await s.viewport(1300, Math.min(height + 40, 5800));
        // Painted at the new size: two animation frames (WebKit paints the
        // grown window a moment after the resize).
        await s.driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100)));`);
        // The viewport's screenshot, cropped to the frame (device pixels).
        const [x, y, w, h, ratio] = await s.js(`const b = document.getElementById('shot').getBoundingClientRect();
          return [b.left, b.top, b.width, b.height, window.devicePixelRatio || 1]`);
        const shot = Buffer.from(await s.driver.takeScreenshot(), 'base64');
        const file = path.join(OUT, `${key}-${lang}-${width}.png`);
        writeFileSync(file, crop(shot, x * ratio, y * ratio, w * ratio, h * ratio));
        written.push(path.relative(ROOT, file));
        await s.viewport(1300, 900);
      }
    }
    console.log(`${engine.name} ${engine.version}: done`);
  } catch (e) {
    failed = true;
    console.error(`${key}: ${e.message}`);
  } finally {
    await engine.stop();
  }
}
await server.stop();
for (const f of written) console.log(f);
process.exit(failed ? 1 : 0);
