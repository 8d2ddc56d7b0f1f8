#!/usr/bin/env node
// Scale (issue 4): build issues 1×, 2×, 5× and 10× the size of issue 218 (test data made by
// scripts/gen-issue.js from issue 218's articles, in the temporary folder) — as 5n articles,
// and as 5 articles n times as long — one issue whose single article is a single
// 100,000-character paragraph, and that paragraph hard-wrapped every 40 characters, each with
// the real command line in a fresh process. Prints wall time, peak resident memory and PDF
// size, and checks in-process that every text item of the layout lies on its page (run
// `npm run build` first: it uses dist/). A build that fails is shown with its error line.
//
//   node scripts/scale.js [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateIssue } from './gen-issue.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { loadIssue, layoutLoaded } = await import('../dist/src/build.js');
const { nodeWorld } = await import('../dist/src/world.js');
const { articleText } = await import('../dist/test/fixtures.js');
const keep = process.argv.includes('--keep');
const reportPeak = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\\n`))';

const cases = [
  { name: '1×, 5 articles', spec: { factor: 1 } },
  { name: '2×, 10 articles', spec: { factor: 2 } },
  { name: '5×, 25 articles', spec: { factor: 5 } },
  { name: '10×, 50 articles', spec: { factor: 10 } },
  { name: '2×, 5 long articles', spec: { factor: 2, long: true } },
  { name: '5×, 5 long articles', spec: { factor: 5, long: true } },
  { name: '10×, 5 long articles', spec: { factor: 10, long: true } },
  { name: '100,000-char paragraph', spec: { paragraph: 100000 } },
  { name: '… hard-wrapped at 40', spec: { paragraph: 100000, wrap: 40 } },
];

const out = mkdtempSync(join(tmpdir(), 'bulletin-scale-out-'));
const rows = [];
const problems = [];
for (const { name, spec } of cases) {
  const dir = generateIssue(spec);
  const pdf = join(out, `${name.replace(/\W+/g, '-')}.pdf`);
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', reportPeak, join(root, 'bin', 'bulletin.js'), 'build', dir, '-o', pdf], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMiB = Number(/peak-rss-kib (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024;
  const pages = Number(/, (\d+) pages?,/.exec(child.stdout)?.[1] ?? NaN);
  const { characters, outside, error } = inspect(dir);
  if (outside.length) problems.push(`${name}: ${outside.length} text items off the page or below the text block, e.g. ${outside.slice(0, 3).join('; ')}`);
  if (child.status !== 0) problems.push(`${name}: bulletin build failed (exit ${child.status}): ${child.stderr.split('\n').filter((l) => !l.startsWith('peak-rss')).join(' ').trim()}`);
  else if (error) problems.push(`${name}: the in-process layout failed where the build did not: ${error}`);
  rows.push({ name, characters, pages, seconds, peakMiB, kib: child.status === 0 ? statSync(pdf).size / 1024 : NaN, failed: child.status !== 0 });
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`${name}: ${dir}`);
}
if (!keep) rmSync(out, { recursive: true, force: true });

const header = ['size', 'characters', 'pages', 'seconds', 'peak MiB', 'PDF KiB', 'µs/char'];
const table = rows.map((r) =>
  r.failed
    ? [r.name, String(r.characters), 'failed', r.seconds.toFixed(2), r.peakMiB.toFixed(0), '–', '–']
    : [r.name, String(r.characters), String(r.pages), r.seconds.toFixed(2), r.peakMiB.toFixed(0), r.kib.toFixed(0), ((r.seconds * 1e6) / r.characters).toFixed(1)],
);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const row of table) console.log(line(row));
console.log('\ncharacters: non-whitespace characters of the articles’ own text (title, byline, intro, body, notes, source).');
console.log('seconds: wall time of a cold `bulletin build` in a fresh process (font loading included).');
if (problems.length) {
  console.log(`\nproblems:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exitCode = 1;
}

/** Count the articles' characters, and find text items that leave the page or the text block. */
function inspect(dir) {
  const world = nodeWorld(root);
  const loaded = loadIssue(dir, world);
  let doc = { pages: [] };
  let failure;
  try {
    doc = layoutLoaded(loaded, {}, world);
  } catch (error) {
    failure = error.message;
  }
  const characters = loaded.articles.reduce((n, a) => n + articleText(a).length, 0);
  const { page, grid } = loaded.template;
  const folioBaseline = page.marginTop + grid.slots * grid.slotHeight;
  const outside = [];
  for (const p of doc.pages) {
    for (const item of p.items) {
      if (item.kind !== 'text') continue;
      const offPage = item.x < 0 || item.x > page.width || item.y - item.size < 0 || item.y > page.height;
      const belowBlock = item.y > folioBaseline && !/^[—\s\d]+$/.test(item.text);
      if (offPage || belowBlock) outside.push(`page ${p.number} “${item.text.slice(0, 20)}” at y=${item.y}${offPage ? ' (off the page)' : ''}`);
    }
  }
  return { characters, outside, error: failure };
}
