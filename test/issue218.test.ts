import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { loadIssue, layoutLoaded, type Loaded } from '../src/build.js';
import type { LaidOutDocument } from '../src/layout/types.js';
import { renderPdf } from '../src/render/pdf.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';
import { main } from '../src/cli.js';
import { displayList } from './displaylist.js';
import { articleText, strip } from './fixtures.js';
import { buildIssue218 } from './issue218.js';
import { missingInOrder, readBack } from './readback.js';

const world = nodeWorld(PACKAGE_ROOT);
let loaded: Loaded;
let document: LaidOutDocument;
let pdf: Uint8Array;

beforeAll(async () => {
  ({ loaded, document, pdf } = await buildIssue218());
});

test('the layout of issue 218 matches the golden display list (UPDATE_GOLDEN=1 rewrites it)', () => {
  const golden = join(PACKAGE_ROOT, 'test', 'golden', '218.layout.txt');
  const actual = displayList(document);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, actual);
  expect(actual).toBe(readFileSync(golden, 'utf8'));
});

test('page 1 holds only the masthead and contents; article 1 starts on page 2 (FORMAT.md §1)', () => {
  const textOf = (page: number) => document.pages[page].items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])).join('');
  expect(textOf(0)).toContain('信息集锦');
  expect(textOf(0)).toContain('★以科技创新引领新质生产力发展');
  expect(textOf(0)).not.toContain('开栏的话');
  expect(textOf(1).startsWith('以科技创新引领新质生产力发展')).toBe(true);
});

test('reproduces the five calibration page breaks of FORMAT.md §1', () => {
  const { marginTop } = loaded.template.page;
  const { slotHeight } = loaded.template.grid;
  const lines = (page: number) => {
    const bySlot = new Map<number, string>();
    for (const item of document.pages[page].items) {
      if (item.kind !== 'text' || item.size < 14) continue;
      const slot = Math.floor((item.y - marginTop) / slotHeight);
      if (slot < 22) bySlot.set(slot, (bySlot.get(slot) ?? '') + item.text);
    }
    return [...bySlot.entries()].sort((a, b) => a[0] - b[0]).map(([, text]) => text);
  };
  const breaks = document.pages.slice(1, -1).map((_, i) => [lines(i + 1).at(-1) ?? '', lines(i + 2)[0] ?? ''] as const);
  const calibration = [
    ['提高基础研究投入比重，', '加大长期稳定支持。加强关键共性技术'],
    ['科技金融体制进一步健全，出台', '实施《加快构建科技金融体制'],
    ['教育、科技、人才内在一致、相互支撑。”发展新质生'.slice(-12), '产力要破除体制机制障碍'],
    ['收入分配改革。深化', '国际交流合作，引育世界优秀人才。'],
    ['要统筹推进国际科技创新中心和区域', '科技创新中心建设，发挥辐射带动作用'],
  ];
  for (const [end, start] of calibration) {
    expect(breaks.some(([last, first]) => last.endsWith(end) && first.startsWith(start))).toBe(true);
  }
});

test('every page keeps to 22 line slots of the text block', () => {
  const { marginTop } = loaded.template.page;
  const { slotHeight } = loaded.template.grid;
  for (const page of document.pages.slice(1)) {
    const slots = page.items.flatMap((i) => (i.kind === 'text' && i.size >= 14 ? [Math.floor((i.y - marginTop) / slotHeight)] : []));
    const body = slots.filter((s) => s < 22);
    expect(Math.min(...body)).toBeGreaterThanOrEqual(0);
    expect(new Set(body).size).toBeLessThanOrEqual(22);
    const below = page.items.flatMap((i) => (i.kind === 'text' && i.y > marginTop + 22 * slotHeight ? [i.y] : []));
    expect(Math.max(...below) - Math.min(...below)).toBeLessThan(1); // only the folio, on one baseline
  }
});

test('two builds of issue 218 are byte-identical', async () => {
  const again = await renderPdf(layoutLoaded(loadIssue('218', world), {}, world), loaded.faces);
  expect(Buffer.compare(Buffer.from(again), Buffer.from(pdf))).toBe(0);
});

// The bytes of `bulletin build 218`, pinned (issue 9): a change that means to move them updates
// this hash, and says in its commit why the PDF changed. Made with Node v20.20.2 and its zlib
// 1.3.1-e00f703: the deflated streams are that zlib's, so another Node's zlib may move them.
const PDF_218_SHA256 = 'f37fb417c56e12f4e5ab0e892f5815251a87af604cc7ff9c84f897358f34ea96';

test('the PDF of issue 218 has the pinned SHA-256', () => {
  expect(createHash('sha256').update(pdf).digest('hex')).toBe(PDF_218_SHA256);
});

test('the PDF carries title, author, language and one bookmark per article', () => {
  const text = Buffer.from(pdf).toString('latin1');
  expect(text).toContain('/Lang (zh-CN)');
  expect(document.info.title).toBe('信息集锦 2025年第12期（总第218期）');
  expect(document.info.author).toBe('中国科学技术院所联谊会');
  const articleMarks = document.pages.flatMap((p) => p.bookmarks.filter((b) => b.level === 0).map((b) => b.title));
  expect(articleMarks).toEqual(loaded.articles.map((a) => a.toc.text));
});

test('every line of the display list is drawn where the layout put it (read back with pdfjs)', async () => {
  const printed = await readBack(pdf);
  /** Text by baseline, in x order, whitespace removed, with the line's first x. */
  const lines = (runs: { str: string; x: number; y: number }[]) => {
    const byBaseline = new Map<string, { x: number; str: string }[]>();
    for (const run of runs) byBaseline.set(run.y.toFixed(2), [...(byBaseline.get(run.y.toFixed(2)) ?? []), run]);
    return new Map([...byBaseline].map(([y, on]) => {
      const sorted = on.sort((p, q) => p.x - q.x);
      return [y, { x: sorted[0].x.toFixed(2), text: strip(sorted.map((r) => r.str).join('')) }];
    }));
  };
  document.pages.forEach((page, i) => {
    const laid = page.items.flatMap((item) => (item.kind === 'text' && item.text.trim() ? [{ str: item.text, x: item.x, y: document.height - item.y }] : []));
    const expected = lines(laid);
    const actual = lines(printed[i]);
    // pdfjs places a run that starts with a space at its first glyph: that line's x is not compared.
    const leadingSpace = new Set(laid.filter((run) => /^\s/.test(run.str)).map((run) => `${run.y.toFixed(2)} ${run.x.toFixed(2)}`));
    for (const [y, line] of expected) {
      const x = leadingSpace.has(`${y} ${line.x}`) ? expect.any(String) : line.x;
      expect({ y, ...actual.get(y) }).toEqual({ y, text: line.text, x });
    }
  });
});

test('every character of the articles reaches the PDF, in order (text extracted with pdfjs)', async () => {
  const extracted = (await readBack(pdf)).flat().map((run) => run.str).join('');
  const haystack = strip(extracted);
  for (const article of loaded.articles) {
    const missing = missingInOrder(articleText(article), haystack);
    if (missing) throw new Error(`${article.file}: “${missing.ch}” not found after “${missing.after}”`);
  }
});

test('bulletin build writes the PDF and one summary line', async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'bulletin-')), 'nested', '218.pdf');
  const lines: string[] = [];
  const code = await main(['build', '218', '-o', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, PACKAGE_ROOT);
  expect(code).toBe(0);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^wrote .*218\.pdf, \d+ pages, \d+\.\d\d s$/);
  expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
});
