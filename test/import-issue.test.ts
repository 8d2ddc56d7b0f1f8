import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { comparePrinted } from '../src/compare/compare.js';
import { withoutFurniture } from '../src/pdftext/furniture.js';
import { importIssue } from '../src/import/issue/index.js';
import { printedLabels } from '../src/import/issue/structure.js';
import { readTemplate } from '../src/build.js';
import { joinPageCuts, paragraphsOf } from '../src/import/issue/paragraphs.js';
import { lineText, markBold, paragraphsOfPages } from '../src/import/issue/printed.js';
import { groupLines, type PrintedRun } from '../src/pdftext/lines.js';
import { parseArticle } from '../src/markdown/parse.js';
import type { Article, Inline } from '../src/markdown/types.js';
import { readPrintedPages } from '../src/pdftext/read.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';
import { run } from './fixtures.js';

const SEED = join(PACKAGE_ROOT, '..', 'shared', 'seed', '000_dff61195967c57f5.txt');
const ISSUE = join(PACKAGE_ROOT, 'issues', '218');

test('paragraphs cut by a page break are joined; headings, complete sentences and notes are not', () => {
  const warnings: never[] = [];
  const text = ['二、聚焦加强原始创新，为发展新', '质生产力培育新动能', '习近平总书记指出，“要开', '辟新赛道”。', '提高投入比重，', '加大支持。', '资源压力的双重叙事', '能耗效应严重。', '【注释】', '① 《文献》。'].join('\n\n');
  expect(joinPageCuts(paragraphsOf(text), 'seed.txt', warnings).map((p) => [p.line, p.text])).toEqual([
    [1, '二、聚焦加强原始创新，为发展新质生产力培育新动能'],
    [5, '习近平总书记指出，“要开辟新赛道”。'],
    [9, '提高投入比重，加大支持。'],
    [13, '资源压力的双重叙事'],
    [15, '能耗效应严重。'],
    [17, '【注释】'],
    [19, '① 《文献》。'],
  ]);
  // Only the join after a part that does not end in ，or 、 is a guess worth a warning.
  expect(warnings).toEqual([
    { severity: 'warning', message: 'joined with the paragraph before it, taken as cut by a page break: “质生产力培育新动能…”', pos: { file: 'seed.txt', line: 3 } },
    { severity: 'warning', message: 'joined with the paragraph before it, taken as cut by a page break: “辟新赛道”。…”', pos: { file: 'seed.txt', line: 7 } },
  ]);
});

const run16 = (str: string, x: number, y = 700, width = [...str].length * 16, size = 16): PrintedRun => ({ str, x, y, width, size });
/** One line of runs laid end to end from x = 90, `gap` runs being pdfjs's spaces of that width. */
const lineOf = (...pieces: (string | number)[]) => {
  let x = 90;
  const runs = pieces.map((piece) => {
    const run = typeof piece === 'number' ? run16(' ', x, 700, piece) : run16(piece, x);
    x += run.width;
    return run;
  });
  return groupLines(runs)[0];
};

test('a gap pdfjs reports is a space between letters or digits, or beside punctuation when an em wide; letter-spacing is none', () => {
  expect(lineText(lineOf('完善人才评价机制', 4, '推进'))).toBe('完善人才评价机制 推进');
  expect(lineText(lineOf('助力科技', 10.4, '“领跑”'))).toBe('助力科技“领跑”');
  expect(lineText(lineOf('【关键词】', 2.7, '“十五五”', 15.1, '规划建议'))).toBe('【关键词】“十五五” 规划建议');
  expect(lineText(lineOf('新征程”', 16, '，邀请'))).toBe('新征程”，邀请');
  expect(lineText(lineOf('一 场 关 乎 未 来 the cost'))).toBe('一场关乎未来the cost');
});

test('bold runs become **…** inside a paragraph; a heading bold but for its Latin, and a bold label, stay unmarked', () => {
  const [on, off] = ['\uE000', '\uE001'];
  expect(markBold(`正文，${on}加粗${off}${on}引语${off}之后`)).toBe('正文，**加粗引语**之后');
  expect(markBold(`${on}亟需建立${off} AI ${on}治理框架${off}`)).toBe('亟需建立 AI 治理框架');
  expect(markBold(`${on}开栏的话${off}党的十八大以来`)).toBe('开栏的话党的十八大以来');
});

test('from page geometry: a full line runs on into the next page’s unindented one; an indented line starts a paragraph; a centred title joins with a space', () => {
  const page = (n: number, runs: PrintedRun[]) => ({ page: n, width: 595, height: 842, lines: groupLines(runs) });
  const full = (str: string, y: number) => run16(str, 90, y, 416);
  const pages = [
    page(1, [run16('以科技创新', 200, 760, 220, 22), run16('推动发展', 220, 728, 176, 22), run16('正文开始', 122, 680, 384), full('满行一', 648), full('满行二', 616), run16('短行。', 90, 584), run16('下一段', 122, 552, 384), full('页末满行', 520)]),
    page(2, [run16('续行。', 90, 760), run16('新段。', 122, 728)]),
  ];
  expect(paragraphsOfPages(pages).map((p) => [p.page, p.line, p.text])).toEqual([
    [1, 1, '以科技创新 推动发展'],
    [1, 3, '正文开始满行一满行二短行。'],
    [1, 7, '下一段页末满行续行。'],
    [2, 2, '新段。'],
  ]);
});

/** An article's fields as text: what the import must reproduce (note labels are names, not text). */
function fields(article: Article) {
  const inline = (inlines: Inline[]) => inlines.map((i) => (i.kind === 'text' ? (i.strong ? `**${i.text}**` : i.text) : `[^${i.number}]`)).join('');
  return {
    title: article.title.text,
    toc: article.toc.text,
    byline: article.byline.text,
    source: article.source.text,
    intro: article.intro.map((p) => p.text),
    epigraph: article.epigraph?.text,
    epigraphSource: article.epigraphSource?.text,
    abstract: article.abstract?.text,
    keywords: article.keywords.map((k) => k.text),
    body: article.body.map((b) => `${b.kind === 'heading' ? `h${b.level} ` : ''}${inline(b.inlines)}`),
    notes: article.notes.map((n) => `${n.numbers.join(',')}: ${inline(n.inlines)}`),
  };
}

/** Every field that differs, as `file field: imported ≠ hand-made` (the first item of a list that differs). */
function differences(imported: string, original: string): string[] {
  const manifest = (dir: string) => parse(readFileSync(join(dir, 'issue.yaml'), 'utf8')) as Record<string, unknown> & { articles: string[] };
  const [a, b] = [manifest(imported), manifest(original)];
  const found = ['template', 'year', 'number', 'total', 'date', 'distribution'].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).map((k) => `issue.yaml ${k}: ${JSON.stringify(a[k])} ≠ ${JSON.stringify(b[k])}`);
  if (a.articles.length !== b.articles.length) found.push(`issue.yaml articles: ${a.articles.length} ≠ ${b.articles.length}`);
  a.articles.forEach((file, i) => {
    const read = (dir: string, name: string) => fields(parseArticle(join(dir, name), readFileSync(join(dir, name), 'utf8')));
    const [x, y] = [read(imported, file), read(original, b.articles[i])] as Record<string, unknown>[];
    for (const key of Object.keys(y)) {
      if (JSON.stringify(x[key]) === JSON.stringify(y[key])) continue;
      const [xs, ys] = [([] as unknown[]).concat(x[key] ?? []), ([] as unknown[]).concat(y[key] ?? [])];
      const at = ys.findIndex((item, k) => JSON.stringify(item) !== JSON.stringify(xs[k]));
      found.push(`${b.articles[i]} ${key}[${at < 0 ? ys.length : at}]: ${JSON.stringify(xs[at < 0 ? ys.length : at])} ≠ ${JSON.stringify(ys[at])}`);
    }
  });
  return found;
}

describe('bulletin import of the seed text of issue 218 (Must show 1)', () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-'));
  const output = join(root, 'issues', '218');

  test('the same manifest values, front matter, body text and footnotes as issues/218, field by field', async () => {
    const imported = await importIssue(SEED, { output }, nodeWorld(root));
    expect(imported.files).toEqual(['issue.yaml', '01.md', '02.md', '03.md', '04.md', '05.md']);
    expect(differences(output, ISSUE)).toEqual([]);
    // What it was unsure of is said, with the seed's line.
    expect(imported.warnings.filter((w) => w.message.startsWith('the 开栏的话'))).toEqual([{ severity: 'warning', message: 'the 开栏的话 is taken to be 2 paragraphs long (a guess from plain text)', pos: { file: SEED, line: 23 } }]);
    expect(imported.warnings.every((w) => w.pos?.line !== undefined)).toBe(true);
  });

  test('the folder must be new or empty unless --force', async () => {
    const folder = join(root, 'full');
    mkdirSync(folder);
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    await expect(importIssue(SEED, { output: folder }, nodeWorld(root))).rejects.toThrow('is not empty');
    expect((await importIssue(SEED, { output: folder, force: true }, nodeWorld(root))).files).toHaveLength(6);
  });

  test('its build has the text and page breaks of the build of issues/218, or the difference is named', async () => {
    const world = nodeWorld(root);
    expect((await run(['build', 'issues/218', '-o', join(root, 'imported.pdf')], root)).code).toBe(0);
    expect((await run(['build', ISSUE, '-o', join(root, 'original.pdf')], root)).code).toBe(0);
    const read = async (file: string) => ({ file, pages: withoutFurniture(await readPrintedPages(join(root, file), file, world)) });
    const comparison = comparePrinted(await read('original.pdf'), await read('imported.pdf'));
    expect(comparison.summary).toBe('same text; 0 of 43 pages break differently');
    const [a, b] = [readFileSync(join(root, 'original.pdf')), readFileSync(join(root, 'imported.pdf'))];
    expect(Buffer.compare(a, b)).toBe(0);
  });
});

describe('bulletin import of our own PDF of issue 218 as a stand-in for an archived one (Must show 2)', () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-pdf-'));
  const output = join(root, 'issues', '218');

  test('every field as issues/218 has it, and its build is byte for byte the original', async () => {
    expect((await run(['build', ISSUE, '-o', join(root, 'original.pdf')], root)).code).toBe(0);
    const imported = await importIssue('original.pdf', { output }, nodeWorld(root));
    expect(differences(output, ISSUE)).toEqual([]);
    expect(imported.warnings.every((w) => w.pos?.page !== undefined)).toBe(true);
    expect((await run(['build', 'issues/218', '-o', join(root, 'rebuilt.pdf')], root)).code).toBe(0);
    expect(Buffer.compare(readFileSync(join(root, 'original.pdf')), readFileSync(join(root, 'rebuilt.pdf')))).toBe(0);
  });
});

test('from a PDF, a bold run-in, a 开栏的话 by its face and the distribution block come back (fixture issue 902)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-902-'));
  const fixture = join(PACKAGE_ROOT, 'test', 'fixtures', 'issues', '902');
  expect((await run(['build', fixture, '-o', join(root, 'original.pdf')], root)).code).toBe(0);
  const imported = await importIssue('original.pdf', { output: join(root, 'issues', '902') }, nodeWorld(root));
  expect(differences(join(root, 'issues', '902'), fixture)).toEqual([]);
  // The intro's extent is read from its face: no guess to report.
  expect(imported.warnings.map((w) => w.message)).toEqual(['taken as a level-2 heading: “◆二级标题”']);
  expect(readFileSync(join(root, 'issues', '902', '01.md'), 'utf8')).toContain('正文二段，**加粗引语**之后是普通文字。');
  expect((await run(['build', 'issues/902', '-o', join(root, 'rebuilt.pdf')], root)).code).toBe(0);
  expect(Buffer.compare(readFileSync(join(root, 'original.pdf')), readFileSync(join(root, 'rebuilt.pdf')))).toBe(0);
});

test('a back issue is read by its template’s texts: the labels come from the template, not from code', () => {
  const { template } = readTemplate('xinxi-jijin', nodeWorld(PACKAGE_ROOT));
  expect(printedLabels(template.texts, template.file)).toEqual({
    contents: '【本期目录】',
    bullet: '★',
    intro: '开栏的话',
    epigraphDash: '——',
    abstract: '【摘要】',
    keywords: '【关键词】',
    notes: '【注释】',
    source: ['（来源：', '）'],
  });
  // gbt9704 sets its contents without a bullet: its entries cannot be told from the text
  const gbt = readTemplate('gbt9704', nodeWorld(PACKAGE_ROOT)).template;
  expect(() => printedLabels(gbt.texts, gbt.file)).toThrow(/without a bullet/);
});
