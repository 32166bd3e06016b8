#!/usr/bin/env node
// The README's picture, from the screenshots `make screenshots` writes:
// the widget on a laptop (1280 px, English) beside the top of it on a
// phone (390 px, German), both in WebKit with MODEL.md's worked example,
// scaled to half and reduced to a palette by pngquant, into
// docs/screenshot.png (a stable name the README links to).
//
//     make screenshots   (runs this last)
//     node tools/readme-screenshot.mjs [engine]   (webkit unless named)
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode, encode } from '../tests/cross/lib/png.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOTS = path.join(ROOT, 'target/screenshots');
const OUT = path.join(ROOT, 'docs/screenshot.png');
const engine = process.argv[2] || 'webkit';
const GAP = 16; // px between and around the two, after scaling
const BACKGROUND = [0xee, 0xf0, 0xf3];

/** The screenshot as RGB. */
function rgb(file) {
  const img = decode(readFileSync(path.join(SHOTS, file)));
  if (img.channels === 3) return img;
  const pixels = Buffer.alloc(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.pixels.length; i += 4, j += 3) img.pixels.copy(pixels, j, i, i + 3);
  return { ...img, channels: 3, pixels };
}

/** The top `rows` rows of `img`, at half size (each pixel the mean of a 2 x 2 block). */
function half(img, rows = img.height) {
  const width = Math.floor(img.width / 2);
  const height = Math.floor(Math.min(rows, img.height) / 2);
  const pixels = Buffer.alloc(width * height * 3);
  const at = (x, y, c) => img.pixels[(y * img.width + x) * 3 + c];
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      for (let c = 0; c < 3; c += 1) {
        const sum = at(2 * x, 2 * y, c) + at(2 * x + 1, 2 * y, c) + at(2 * x, 2 * y + 1, c) + at(2 * x + 1, 2 * y + 1, c);
        pixels[(y * width + x) * 3 + c] = (sum + 2) >> 2;
      }
    }
  }
  return { width, height, channels: 3, pixels };
}

const laptop = rgb(`${engine}-en-1280.png`);
const phone = rgb(`${engine}-de-390.png`);
// The phone as tall as the laptop: its top, where the title, the settings
// and the first changes are.
const [left, right] = [half(laptop), half(phone, laptop.height)];
const width = GAP + left.width + GAP + right.width + GAP;
const height = GAP + Math.max(left.height, right.height) + GAP;
const pixels = Buffer.alloc(width * height * 3);
for (let i = 0; i < pixels.length; i += 3) pixels.set(BACKGROUND, i);
for (const [img, x0] of [[left, GAP], [right, GAP + left.width + GAP]]) {
  for (let y = 0; y < img.height; y += 1) {
    img.pixels.copy(pixels, ((GAP + y) * width + x0) * 3, y * img.width * 3, (y + 1) * img.width * 3);
  }
}
const full = path.join(SHOTS, 'readme.png');
writeFileSync(full, encode({ width, height, channels: 3, pixels }));
// 64 colours: the widget is flat colour and text; pngquant dithers the rest.
execFileSync('pngquant', ['64', '--speed', '1', '--strip', '--force', '--output', OUT, '--', full], { stdio: 'inherit' });
console.log(`${path.relative(ROOT, OUT)}: ${width} x ${height}, ${statSync(OUT).size} bytes`);
