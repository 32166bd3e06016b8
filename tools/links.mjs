#!/usr/bin/env node
// The links test (`make test` runs it): every relative link and image in
// README.md and docs/*.md resolves. A link's file (or folder) must exist;
// a `#fragment` must be the GitHub-style anchor of a heading in the target
// Markdown file (or of the same file, for `#fragment` alone). Links with a
// scheme (https:, mailto:) are not followed. Code blocks and code spans are
// not links.
//
//     node tools/links.mjs            exits 1 and lists what does not resolve
//
// Before the real files it checks itself on a few broken links it must
// report, so that a checker that stopped finding anything fails too.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Markdown without fenced code blocks and code spans (their text is not a link). */
function prose(text) {
  const out = [];
  let fence = null;
  for (const line of text.split('\n')) {
    const open = line.match(/^\s*(```+|~~~+)/);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
      out.push('');
    } else if (open) {
      fence = open[1];
      out.push('');
    } else {
      out.push(line.replace(/(`+)[^`]*?\1/g, ''));
    }
  }
  return out.join('\n');
}

/** The targets of links and images: [text](target), ![alt](target), <a href>, <img src>, [id]: target. */
export function targets(text) {
  const found = [];
  const body = prose(text);
  for (const m of body.matchAll(/!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) found.push(m[1]);
  for (const m of body.matchAll(/<(?:a|img)\s[^>]*?(?:href|src)="([^"]+)"/gi)) found.push(m[1]);
  for (const m of body.matchAll(/^\s{0,3}\[[^\]]+\]:\s+<?(\S+?)>?(?:\s|$)/gm)) found.push(m[1]);
  return found;
}

/** GitHub's anchor for a heading's text (github-slugger: lower case, punctuation dropped, spaces to hyphens). */
export function slug(heading) {
  const text = heading
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images: their alt text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links: their text
    .replace(/<[^>]+>/g, '') // inline HTML
    .replace(/`/g, '')
    .replace(/\*/g, '');
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor of a Markdown text: its headings' (with -1, -2 … for repeats) and explicit ids. */
export function anchors(text) {
  const seen = new Map();
  const out = new Set();
  let fence = null;
  for (const line of text.split('\n')) {
    const open = line.match(/^\s*(```+|~~~+)/);
    if (fence) {
      if (open && open[1][0] === fence[0] && open[1].length >= fence.length) fence = null;
      continue;
    }
    if (open) {
      fence = open[1];
      continue;
    }
    const h = line.match(/^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/);
    if (h) {
      const base = slug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      out.add(n ? `${base}-${n}` : base);
    }
    for (const m of line.matchAll(/<a\s[^>]*(?:id|name)="([^"]+)"/gi)) out.add(m[1]);
  }
  return out;
}

/**
 * What does not resolve among the links of `file` (text `text`), as
 * messages. `read(p)` returns a file's text, `exists(p)` whether a path
 * exists; both take absolute paths.
 */
export function broken(file, text, { read, exists }) {
  const problems = [];
  for (const target of targets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
    const hash = target.indexOf('#');
    const [rel, fragment] = hash < 0 ? [target, null] : [target.slice(0, hash), target.slice(hash + 1)];
    let decoded;
    try {
      decoded = decodeURIComponent(rel);
    } catch {
      problems.push(`${target}: not a valid address`);
      continue;
    }
    const to = decoded === '' ? file : path.resolve(path.dirname(file), decoded);
    if (!exists(to)) {
      problems.push(`${target}: no file ${path.relative(ROOT, to) || to}`);
      continue;
    }
    if (fragment === null) continue;
    if (to.endsWith('.md')) {
      if (!anchors(read(to)).has(decodeURIComponent(fragment))) {
        problems.push(`${target}: no heading with the anchor #${fragment} in ${path.relative(ROOT, to)}`);
      }
    } else if (!/^L\d+(-L\d+)?$/.test(fragment)) {
      problems.push(`${target}: #${fragment} is not a line anchor, and ${path.relative(ROOT, to)} is not Markdown`);
    }
  }
  return problems;
}

/** The checker on links it must report, and on ones it must accept. */
function selfCheck() {
  const files = new Map([
    ['/x/README.md', '# Top\n\n## Privacy, and what is sent\n\n## `persist="ask"` in detail\n\n## Top\n'],
    ['/x/docs/a.md', '# A page\n'],
    ['/x/docs/pic.png', ''],
  ]);
  const fs = { read: (p) => files.get(p) ?? '', exists: (p) => files.has(p) || p === '/x/docs' };
  const good = `[a](docs/a.md) [b](docs/a.md#a-page) ![p](docs/pic.png) [c](#privacy-and-what-is-sent)
[d](#persistask-in-detail) [e](#top-1) [f](https://example.com/nothing) [g](docs/) <img src="docs/pic.png">
\`[not a link](missing.md)\`
\`\`\`
[not a link either](missing.md)
\`\`\``;
  const bad = `[a](docs/missing.md) [b](docs/a.md#no-such) ![p](docs/missing.png) [c](#nowhere)
<img src="nothing.png"> [d](docs/a.md#A-Page)`;
  const accepted = broken('/x/README.md', good, fs);
  const reported = broken('/x/README.md', bad, fs);
  if (accepted.length !== 0 || reported.length !== 6) {
    console.error('links: the checker itself is broken:', { accepted, reported });
    process.exit(2);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  selfCheck();
  const docs = path.join(ROOT, 'docs');
  const files = [path.join(ROOT, 'README.md'),
    ...readdirSync(docs).filter((f) => f.endsWith('.md')).sort().map((f) => path.join(docs, f))];
  const fs = { read: (p) => readFileSync(p, 'utf8'), exists: (p) => existsSync(p) };
  let count = 0;
  let failures = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    count += targets(text).length;
    for (const problem of broken(file, text, fs)) {
      console.error(`${path.relative(ROOT, file)}: ${problem}`);
      failures += 1;
    }
  }
  if (failures) {
    console.error(`links: ${failures} of ${count} links in ${files.length} files do not resolve`);
    process.exit(1);
  }
  console.log(`links: all ${count} links and images in ${files.length} files resolve`);
}
