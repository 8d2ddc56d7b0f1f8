import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changedSpan, comparePrinted, type Printed } from '../src/compare/compare.js';
import { diffSequences } from '../src/compare/diff.js';
import { withoutFurniture } from '../src/pdftext/furniture.js';
import { sentencesOf } from '../src/compare/sentences.js';
import { groupLines, type PrintedPage, type PrintedRun } from '../src/pdftext/lines.js';
import { PACKAGE_ROOT } from '../src/world.js';
import { packagesLoaded, run } from './fixtures.js';

const runOf = (str: string, x: number, y: number, size = 16): PrintedRun => ({ str, x, y, size, width: [...str].length * size });
/** A page of lines, one run each, 30 pt apart from the top. */
const page = (n: number, texts: string[]): PrintedPage => ({ page: n, width: 595, height: 842, lines: groupLines(texts.map((t, i) => runOf(t, 90, 750 - 30 * i))) });
const printed = (file: string, pages: string[][]): Printed => ({ file, pages: pages.map((texts, i) => page(i + 1, texts)) });

test('runs become lines top to bottom, left to right; a raised note marker stays on its line', () => {
  const lines = groupLines([runOf('第二行', 90, 718), runOf('①', 140, 755, 10), runOf('行', 122, 750), runOf('第一', 90, 750), runOf(' ', 300, 600)]);
  expect(lines.map((l) => [l.line, l.text, l.y, l.x, l.right])).toEqual([
    [1, '第一行①', 750, 90, 150],
    [2, '第二行', 718, 90, 138],
  ]);
});

test('the diff pairs equal items and lists the rest as removed then added', () => {
  expect(diffSequences(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'd', 'e'])).toEqual([
    { kind: 'equal', a: 0, b: 0 },
    { kind: 'removed', a: 1 },
    { kind: 'added', b: 1 },
    { kind: 'equal', a: 2, b: 2 },
    { kind: 'equal', a: 3, b: 3 },
    { kind: 'added', b: 4 },
  ]);
});

test('middles too different to tabulate within the limit are all removed, then all added', () => {
  expect(diffSequences(['a', 'b', 'c', 'z'], ['a', 'c', 'b', 'z'], 8)).toEqual([
    { kind: 'equal', a: 0, b: 0 },
    { kind: 'removed', a: 1 },
    { kind: 'removed', a: 2 },
    { kind: 'added', b: 1 },
    { kind: 'added', b: 2 },
    { kind: 'equal', a: 3, b: 3 },
  ]);
});

test('sentences end after 。！？； and closing quotes; whitespace and line-end hyphens of split words are not text', () => {
  const sentences = sentencesOf([page(1, ['他说：“好。”然后 走了', '了。A hyphen-', 'ation fact; end'])]);
  expect(sentences.map((s) => s.text)).toEqual(['他说：“好。”', '然后走了了。', 'Ahyphenationfact;', 'end']);
  expect(sentences[1].places[0]).toEqual({ page: 1, line: 1 });
  expect(sentences[1].places.at(-1)).toEqual({ page: 1, line: 2 });
});

test('page numbers and running heads are furniture, not text', () => {
  const pages = [1, 2, 3, 4].map((n) => page(n, ['信息集锦 简报', `正文${n}。`, `— ${n} —`]));
  expect(withoutFurniture(pages).map((p) => p.lines.map((l) => l.text))).toEqual([['正文1。'], ['正文2。'], ['正文3。'], ['正文4。']]);
});

test('the same text and breaks: same; a changed sentence: its page and line in both files; a moved break: that page', () => {
  const original = printed('a.pdf', [['甲一。甲二。', '甲三。'], ['乙一。乙二。']]);
  expect(comparePrinted(original, printed('b.pdf', [['甲一。甲二。', '甲三。'], ['乙一。乙二。']]))).toEqual({ same: true, summary: 'same text; 0 of 2 pages break differently', differences: [] });
  const changed = comparePrinted(original, printed('b.pdf', [['甲一。', '甲二。甲四。'], ['乙一。乙二。']]));
  expect(changed.summary).toBe('text differs in 1 place; 0 of 2 pages break differently');
  expect(changed.differences).toEqual([{ severity: 'error', message: 'changed: “甲三。” → “甲四。” (b.pdf page 1 line 2)', pos: { file: 'a.pdf', page: 1, line: 2 } }]);
  // b.pdf's page 1 ends in a line as wide as its widest, and page 2 begins unindented: a cut paragraph by the geometry.
  const moved = comparePrinted(original, printed('b.pdf', [['甲一。甲二。'], ['甲三。', '乙一。乙二。']]));
  expect(moved.summary).toBe('same text; 1 of 2 pages break differently');
  expect(moved.differences.map((d) => [d.pos, d.message])).toEqual([
    [{ file: 'a.pdf', page: 1, line: 2 }, 'page 1 ends at “…甲一。甲二。甲三。｜乙一。乙二。…” (between paragraphs); in b.pdf at “…甲一。甲二。｜甲三。乙一。乙二。…” (page 1 line 1, inside a paragraph): 3 characters earlier'],
  ]);
});

test('a changed sentence is quoted from where it starts to differ', () => {
  expect(changedSpan('面对这些革命性变化，我们必须增强历史主动精神。', '面对这些深刻变化，我们必须增强历史主动精神。')).toBe('“面对这些革命性变化，我…” → “面对这些深刻变化，我…”');
});

describe('bulletin compare on issue 218 (Must show 3)', () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-compare-'));
  const build = async (name: string, edit: (dir: string) => void) => {
    const dir = join(root, name);
    cpSync(join(PACKAGE_ROOT, 'issues', '218'), join(dir, 'issues', '218'), { recursive: true });
    cpSync(join(PACKAGE_ROOT, 'templates', 'xinxi-jijin'), join(dir, 'templates', 'xinxi-jijin'), { recursive: true });
    edit(dir);
    expect((await run(['build', '218', '-o', join(root, `${name}.pdf`)], dir)).code).toBe(0);
    return `${name}.pdf`;
  };
  const replaceIn = (path: string, from: string, to: string) => {
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  };

  test('with itself: exit 0', async () => {
    const original = await build('original', () => {});
    copyFileSync(join(root, original), join(root, 'copy.pdf'));
    expect(await run(['compare', original, 'copy.pdf'], root)).toEqual({ code: 0, out: ['same text; 0 of 43 pages break differently'], err: [] });
  });

  test('with one sentence changed: exit 1, that sentence with its page and line in each file', async () => {
    const changed = await build('changed', (dir) => replaceIn(join(dir, 'issues/218/01-keji-chuangxin-yinling.md'), '面对这些革命性变化', '面对这些深刻变化'));
    const result = await run(['compare', 'original.pdf', changed, '--diagnostic-format', 'json'], root);
    expect(result.code).toBe(1);
    expect(result.out).toEqual(['text differs in 1 place; 0 of 43 pages break differently']);
    expect(result.err.map((line) => JSON.parse(line))).toEqual([
      { severity: 'error', file: 'original.pdf', page: 4, line: 9, message: 'changed: “面对这些革命性变化，我…” → “面对这些深刻变化，我…” (changed.pdf page 4 line 9)' },
    ]);
  });

  test('with one more line on each page: exit 1 and the pages that break differently', async () => {
    // 23 slots of 30.34 pt fill about the same text block as the print's 22 of 31.72.
    const longer = await build('longer', (dir) => {
      const template = join(dir, 'templates/xinxi-jijin/template.yaml');
      replaceIn(template, '  slots: 22 ', '  slots: 23 ');
      replaceIn(template, '  slot_height: 31.72 ', '  slot_height: 30.34 ');
    });
    const result = await run(['compare', 'original.pdf', longer], root);
    expect(result.code).toBe(1);
    expect(result.out).toEqual(['same text; 33 of 43 pages break differently']);
    expect(result.err).toHaveLength(33);
    // The print's 22 page breaks inside paragraphs (test printbreaks) fall on these pages, and the geometry finds each.
    expect(result.err.filter((line) => line.split('; in ')[0].endsWith('(inside a paragraph)'))).toHaveLength(22);
    expect(result.err[0]).toBe('error: original.pdf page 5 line 20: page 5 ends at “…键核心技术攻关，为发展新｜质生产力培育新动能习近平…” (inside a paragraph); in longer.pdf at “…发展新质生产力培育新动能｜习近平总书记指出，“要开…” (page 5 line 21, between paragraphs): 9 characters later');
  });
});

test('a build never loads pdfjs-dist; compare does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-pdfjs-'));
  expect(packagesLoaded(['build', '218', '-o', join(dir, '218.pdf')], ['pdfjs-dist'])).toEqual({ status: 0, stderr: '', loaded: [] });
  expect(packagesLoaded(['compare', join(dir, '218.pdf'), join(dir, '218.pdf')], ['pdfjs-dist'])).toMatchObject({ status: 0, loaded: ['pdfjs-dist'] });
});
