import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOOD_ARTICLE, GOOD_MANIFEST, run, scratchIssue } from './fixtures.js';
import { PACKAGE_ROOT } from '../src/world.js';

const manifest = (replace: Record<string, string>) => Object.entries(replace).reduce((m, [from, to]) => m.replace(from, to), GOOD_MANIFEST);
const article = (replace: Record<string, string>) => Object.entries(replace).reduce((m, [from, to]) => m.replace(from, to), GOOD_ARTICLE);
const M = 'issues/1/issue.yaml';
const A = 'issues/1/a.md';

interface Case {
  name: string;
  files?: Record<string, string | Uint8Array>;
  args?: string[];
  setup?: (root: string) => void;
  code: number;
  message: RegExp;
}

/** Bad input of every kind: exit code and the first line of the message (issue 4's table). */
export const CASES: Case[] = [
  { name: 'manifest: not YAML', files: { [M]: 'template: xinxi-jijin\n\t- : ][' }, code: 1, message: /^error: issues\/1\/issue\.yaml:2:\d+: the issue manifest is not valid YAML/ },
  { name: 'manifest: YAML syntax error', files: { [M]: 'template: [x\nyear: 2' }, code: 1, message: /^error: issues\/1\/issue\.yaml:2:1: the issue manifest is not valid YAML/ },
  { name: 'manifest: not a mapping', files: { [M]: '- a.md\n' }, code: 1, message: /^error: issues\/1\/issue\.yaml:1:1: the issue manifest must be a YAML mapping/ },
  { name: 'manifest: required field missing', files: { [M]: manifest({ 'total: 1\n': '' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:1:1: the issue manifest lacks the required field “total”/ },
  { name: 'manifest: wrong type', files: { [M]: manifest({ 'number: 1': 'number: twelve' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:3:9: “number” must be a whole number, not “twelve”/ },
  { name: 'manifest: out of range', files: { [M]: manifest({ 'number: 1': 'number: 0' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:3:9: “number” must be between 1 and 999, not 0/ },
  { name: 'manifest: impossible date', files: { [M]: manifest({ '2025-01-02': '2025-13-40' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:5:7: “date” 2025-13-40 is not a day of the calendar/ },
  { name: 'manifest: unknown field', files: { [M]: manifest({ 'number: 1': 'number: 1\nnubmer: 1' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:4:1: unknown field “nubmer” in the issue manifest/ },
  { name: 'manifest: empty articles', files: { [M]: manifest({ 'articles:\n  - a.md\n': 'articles: []\n' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:6:11: “articles” is empty/ },
  { name: 'manifest: article listed twice', files: { [M]: `${GOOD_MANIFEST}  - a.md\n` }, code: 1, message: /^error: issues\/1\/issue\.yaml:8:5: “a\.md” is listed twice in “articles” \(first at line 7\)/ },
  { name: 'manifest: unknown template', files: { [M]: manifest({ 'xinxi-jijin': 'xinxi-jiijn' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:1:11: unknown template “xinxi-jiijn”/ },
  { name: 'manifest: missing', args: ['build', '7'], code: 1, message: /^error: no issue manifest at issues\/7\/issue\.yaml/ },
  { name: 'path: article file does not exist', files: { [M]: manifest({ 'a.md': 'b.md' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:7:5: article file b\.md does not exist/ },
  { name: 'path: article leaves the issue folder', files: { [M]: manifest({ 'a.md': '../../secret.md' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:7:5: article path \.\.\/\.\.\/secret\.md leaves the issue folder/ },
  { name: 'path: absolute article path', files: { [M]: manifest({ 'a.md': '/etc/passwd' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:7:5: article path \/etc\/passwd is absolute/ },
  {
    name: 'path: symlink pointing out',
    files: { [M]: manifest({ 'a.md': 'link.md' }), 'outside.md': GOOD_ARTICLE },
    setup: (root) => symlinkSync(join(root, 'outside.md'), join(root, 'issues/1/link.md')),
    code: 1,
    message: /^error: issues\/1\/issue\.yaml:7:5: article link\.md is a link that points outside the issue folder/,
  },
  { name: 'path: a folder where a file is expected', setup: (root) => mkdirSync(join(root, 'issues/1/dir.md')), files: { [M]: manifest({ 'a.md': 'dir.md' }) }, code: 1, message: /^error: issues\/1\/issue\.yaml:7:5: article dir\.md is a folder, not a file/ },
  { name: 'path: not UTF-8', files: { [A]: Buffer.concat([Buffer.from('---\ntitle: 标'), Buffer.from([0xb1, 0xea]), Buffer.from('\n')]) }, code: 1, message: /^error: issues\/1\/a\.md: the file is not UTF-8 text: invalid byte 0xb1 at byte offset 14/ },
  { name: 'article: front matter not YAML', files: { [A]: article({ 'byline: 张三': 'byline: [张三' }) }, code: 1, message: /^error: issues\/1\/a\.md:\d+:\d+: the front matter is not valid YAML/ },
  { name: 'article: required field missing', files: { [A]: article({ 'source: 测试来源\n': '' }) }, code: 1, message: /^error: issues\/1\/a\.md:2:1: the front matter lacks the required field “source”/ },
  { name: 'article: unknown field', files: { [A]: article({ 'byline: 张三': 'byline: 张三\nbylien: 张三' }) }, code: 1, message: /^error: issues\/1\/a\.md:4:1: unknown field “bylien” in the front matter/ },
  { name: 'article: no front matter', files: { [A]: '正文。\n' }, code: 1, message: /^error: issues\/1\/a\.md:1:1: the article has no YAML front matter/ },
  { name: 'article: empty body', files: { [A]: '---\ntitle: 题\nbyline: 张三\nsource: 来源\n---\n' }, code: 1, message: /^error: issues\/1\/a\.md:\d+:\d+: the article has no body text/ },
  { name: 'article: footnote never defined', files: { [A]: article({ '[^a]: 《测试文献》，2025年。\n': '' }) }, code: 1, message: /^error: issues\/1\/a\.md:9:\d+: footnote \[\^a\] is referenced but never defined/ },
  { name: 'article: table', files: { [A]: `${GOOD_ARTICLE}\n| a | b |\n| - | - |\n| 1 | 2 |\n` }, code: 1, message: /^error: issues\/1\/a\.md:\d+:1: a table is not supported in bulletin articles/ },
  { name: 'article: image', files: { [A]: article({ '正文第一段': '![图](x.png)正文第一段' }) }, code: 1, message: /^error: issues\/1\/a\.md:9:1: an image is not supported/ },
  { name: 'article: code block', files: { [A]: `${GOOD_ARTICLE}\n\`\`\`\ncode\n\`\`\`\n` }, code: 1, message: /^error: issues\/1\/a\.md:\d+:1: a code block is not supported/ },
  { name: 'article: raw HTML', files: { [A]: `${GOOD_ARTICLE}\n<div>x</div>\n` }, code: 1, message: /^error: issues\/1\/a\.md:\d+:1: raw HTML is not supported/ },
  { name: 'article: character no font has', files: { [A]: article({ '正文第一段': '正文𐀀第一段' }) }, code: 1, message: /^error: issues\/1\/a\.md:9:3: no font of the template has the character “𐀀” \(U\+10000\)/ },
  {
    name: 'font: file missing',
    setup: (root) => copyTemplate(root, (t) => t.replace('FandolFang-Regular.otf', 'Missing.otf')),
    code: 1,
    message: /^error: templates\/xinxi-jijin\/template\.yaml: font file Missing\.otf is missing/,
  },
  {
    name: 'font: file corrupt',
    setup: (root) => {
      copyTemplate(root, (t) => t.replace('FandolFang-Regular.otf', 'Broken.otf'));
      writeFileSync(join(root, 'templates/xinxi-jijin/Broken.otf'), 'not a font');
    },
    code: 1,
    message: /^error: templates\/xinxi-jijin\/Broken\.otf: the font file for face “fangsong” cannot be read/,
  },
  { name: 'output: folder cannot be created', setup: (root) => writeFileSync(join(root, 'blocker'), ''), args: ['build', '1', '-o', 'blocker/x.pdf'], code: 1, message: /^error: cannot write blocker\/x\.pdf: a file stands where a folder is needed \((EEXIST|ENOTDIR)\)/ },
  { name: 'output: file cannot be written', setup: (root) => mkdirSync(join(root, 'out.pdf')), args: ['build', '1', '-o', 'out.pdf'], code: 1, message: /^error: cannot write out\.pdf: .*\(E(ISDIR|EXIST|NOTEMPTY)\)/ },
  { name: 'usage: unknown command', args: ['biuld', '1'], code: 2, message: /^error: unknown command 'biuld'/ },
  { name: 'usage: missing argument', args: ['build'], code: 2, message: /^error: give an issue number, folder or manifest, or --all/ },
  { name: 'usage: -o with several issues', args: ['build', '1', '2', '-o', 'x.pdf'], code: 2, message: /^error: -o names one PDF; it cannot be used with several issues/ },
  { name: 'usage: bad timestamp', args: ['build', '1', '--creation-timestamp', 'yesterday'], code: 2, message: /^error: option '--creation-timestamp <unix>' argument 'yesterday' is invalid/ },
];

function copyTemplate(root: string, edit: (text: string) => string): void {
  mkdirSync(join(root, 'templates/xinxi-jijin'), { recursive: true });
  const text = readFileSync(join(PACKAGE_ROOT, 'templates/xinxi-jijin/template.yaml'), 'utf8');
  writeFileSync(join(root, 'templates/xinxi-jijin/template.yaml'), edit(text));
}

describe('every failure is a message with a place, not a crash', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const root = scratchIssue(c.files);
    c.setup?.(root);
    const result = await run(c.args ?? ['build', '1'], root);
    expect(result.err[0]).toMatch(c.message);
    expect(result.code).toBe(c.code);
    expect(result.err.join('\n')).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(root, 'out', '1.pdf'))).toBe(false);
  });
});

test('a UTF-8 byte-order mark and CRLF line ends are fine', async () => {
  const root = scratchIssue({ [M]: `\uFEFF${GOOD_MANIFEST.replace(/\n/g, '\r\n')}`, [A]: `\uFEFF${GOOD_ARTICLE}` });
  const result = await run(['build', '1'], root);
  expect(result.err).toEqual([]);
  expect(result.code).toBe(0);
});

test('a failing build leaves the previous PDF byte-for-byte unchanged and no temporary file', async () => {
  const root = scratchIssue();
  expect((await run(['build', '1'], root)).code).toBe(0);
  const before = readFileSync(join(root, 'out', '1.pdf'));
  writeFileSync(join(root, A), article({ '正文第一段': '正文𐀀第一段' }));
  expect((await run(['build', '1'], root)).code).toBe(1);
  expect(Buffer.compare(readFileSync(join(root, 'out', '1.pdf')), before)).toBe(0);
  expect(readdirSync(join(root, 'out'))).toEqual(['1.pdf']);
});

describe('Markdown details', () => {
  const parse = async (source: string) => (await import('../src/markdown/parse.js')).parseArticle('a.md', source);
  const front = '---\ntitle: 题\nbyline: 张三\nsource: 来源\n';

  test('regression: [^a] and [^A] are one footnote, as in GFM', async () => {
    const article = await parse(`${front}---\n\n正文[^a]，再引[^A]。\n\n[^a]: 注。\n`);
    expect(article.notes.map((n) => n.numbers)).toEqual([[1, 2]]);
  });

  test('regression: a hard line break between Latin words keeps a space', async () => {
    const article = await parse(`${front}---\n\nHello  \nWorld，中文\n接着。\n`);
    const [block] = article.body;
    expect(block.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('')).toBe('Hello World，中文接着。');
  });

  test('regression: a multi-line front-matter field is folded, Chinese lines joined with nothing', async () => {
    const article = await parse(`${front}abstract: |\n  第一行\n  第二行 AI\n  model\n---\n\n正文。\n`);
    expect(article.abstract?.text).toBe('第一行第二行 AI model');
  });

  test('regression: a character in an intro paragraph is placed on its own line and column', async () => {
    const article = await parse(`${front}intro: |-\n  第一段。\n\n  第二段，\n  续行。\n---\n\n正文。\n`);
    expect(article.intro.map((p) => [p.text, p.pos.line, p.pos.column])).toEqual([
      ['第一段。', 6, 3],
      ['第二段，续行。', 8, 3],
    ]);
  });

  test('regression: a space after the opening --- does not shift positions', async () => {
    const root = scratchIssue({ [A]: article({ '---\ntitle': '--- \ntitle', 'byline: 张三': 'byline: 张三\nbylien: 张三' }) });
    const result = await run(['build', '1'], root);
    expect(result.err[0]).toMatch(/^error: issues\/1\/a\.md:4:1: unknown field “bylien”/);
  });
});

describe('more regressions from fuzzing', () => {
  const parse = async (source: string) => (await import('../src/markdown/parse.js')).parseArticle('a.md', source);
  const front = '---\ntitle: 题\nbyline: 张三\nsource: 来源\n';

  test('regression: a footnote cited only from another footnote keeps its number', async () => {
    const article = await parse(`${front}---\n\n正文[^b]。\n\n[^a]: 注甲。\n[^b]: 注乙，见[^a]。\n`);
    expect(article.notes.map((n) => [n.label, n.numbers])).toEqual([
      ['b', [1]],
      ['a', [2]],
    ]);
  });

  test('regression: a front-matter value YAML reads as a number keeps its digits', async () => {
    const article = await parse('---\ntitle: 3.0\nbyline: 007\nsource: 0x1F\nkeywords: [3.0, 1e3]\n---\n\n正文。\n');
    expect([article.title.text, article.byline.text, article.source.text, ...article.keywords.map((k) => k.text)]).toEqual(['3.0', '007', '0x1F', '3.0', '1e3']);
  });

  test('regression: an unknown {placeholder} in a text is an error', async () => {
    const root = scratchIssue({ [M]: `${GOOD_MANIFEST}texts:\n  issue_line: '第{numbr}期'\n` });
    const result = await run(['build', '1'], root);
    expect(result.err[0]).toBe('error: issues/1/issue.yaml:9:15: “{numbr}” is not a placeholder bulletin fills in “issue_line”');
  });

  test('regression: a masthead text wider than the measure is an error, not text off the page', async () => {
    const root = scratchIssue({ [M]: `${GOOD_MANIFEST}texts:\n  masthead: 信息集锦信息集锦信息集锦\n` });
    const result = await run(['build', '1'], root);
    expect(result.err[0]).toMatch(/^error: issues\/1\/issue\.yaml: “信息集锦信息集锦信息集锦” is wider than its line/);
  });
});

describe('regressions from the second review', () => {
  const parse = async (source: string) => (await import('../src/markdown/parse.js')).parseArticle('a.md', source);
  const front = '---\ntitle: 题\nbyline: 张\nsource: 源\n---\n\n';
  const text = (article: Awaited<ReturnType<typeof parse>>) => article.body[0].inlines.map((i) => (i.kind === 'text' ? i.text : '①')).join('');

  test.each([
    ['abc\n**def**', 'abc def'],
    ['**abc**\ndef', 'abc def'],
    ['abc\n`code`', 'abc code'],
    ['word[^x]\nnext\n\n[^x]: 注。', 'word① next'],
    ['中文\n**文字**', '中文文字'],
  ])('a line break next to bold, code or a marker keeps Latin words apart: %j', async (body, expected) => {
    expect(text(await parse(`${front}${body}\n`))).toBe(expected);
  });

  test('a footnote of two paragraphs is refused, not merged', async () => {
    await expect(parse(`${front}正文[^x]\n\n[^x]: 第一段\n\n    第二段\n`)).rejects.toMatchObject({ message: 'a second paragraph or block in a footnote is not supported in bulletin articles', pos: { line: 11, column: 5 } });
  });

  test('an issue text may be empty, and {page} is refused outside page_number', async () => {
    const ok = await run(['build', '1'], scratchIssue({ [M]: `${GOOD_MANIFEST}texts:\n  contents_bullet:\n` }));
    expect(ok.err).toEqual([]);
    const bad = await run(['build', '1'], scratchIssue({ [M]: `${GOOD_MANIFEST}texts:\n  notes_heading: '【注释{page}】'\n` }));
    expect(bad.err[0]).toBe('error: issues/1/issue.yaml:9:18: “{page}” is not a placeholder bulletin fills in “notes_heading”');
  });
});

test('regression: the PDF date of an issue dated in the years 0–99 keeps its year', async () => {
  const { documentDate } = await import('../src/build.js');
  const { nodeWorld } = await import('../src/world.js');
  const world = { ...nodeWorld(), env: () => undefined };
  const issue = { date: { year: 25, month: 12, day: 19 } } as Parameters<typeof documentDate>[0];
  expect(documentDate(issue, undefined, world).toISOString()).toBe('0025-12-19T00:00:00.000Z');
});
