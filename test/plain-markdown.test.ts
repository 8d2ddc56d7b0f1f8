import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineIndex } from '../src/markdown/lines.js';
import { articleParser } from '../src/markdown/article-parser.js';
import { plainArticle as plainTree } from '../src/markdown/plain.js';
import { PACKAGE_ROOT } from '../src/world.js';

/*
 * src/markdown/plain.ts reads plain articles without micromark: what it reads must be the very
 * tree micromark and remark give, node for node and point for point; what it does not read
 * (undefined) goes to them.
 */

const plainArticle = (markdown: string) => plainTree(new LineIndex('a.md', markdown));

/** The tree as plain data: positions and all, without prototypes. */
const data = (tree: unknown) => JSON.parse(JSON.stringify(tree)) as unknown;

/** Every .md file under `dir`. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(dir, name));
}

test('issue 218’s articles are plain, and read as micromark reads them', () => {
  const files = markdownFiles(join(PACKAGE_ROOT, 'issues', '218'));
  expect(files).toHaveLength(5);
  for (const file of files) {
    const markdown = readFileSync(file, 'utf8');
    const plain = plainArticle(markdown);
    expect({ file, plain: plain && data(plain) }).toEqual({ file, plain: data(articleParser.parse(markdown)) });
  }
});

test('every plain article of the repository is read as micromark reads it', () => {
  for (const file of [...markdownFiles(join(PACKAGE_ROOT, 'issues')), ...markdownFiles(join(PACKAGE_ROOT, 'test', 'fixtures'))]) {
    const markdown = readFileSync(file, 'utf8');
    const plain = plainArticle(markdown);
    if (plain) expect({ file, plain: data(plain) }).toEqual({ file, plain: data(articleParser.parse(markdown)) });
  }
});

test.each([
  ['a list in a footnote', '[^a]: 1. 项\n'],
  ['a lazy line after a footnote definition', '[^a]: 注\n续\n'],
  ['a footnote definition defined twice', '[^a]: 注\n\n[^a]: 注\n'],
  ['a reference to no definition', '文[^b]\n\n[^a]: 注\n'],
  ['a reference followed by a link destination', '文[^a](x)\n\n[^a]: 注\n'],
  ['a setext underline', '题\n===\n'],
  ['a heading closed by #', '# 题 #\n'],
  ['a heading of seven #', '####### 题\n'],
  ['an ordered list', '1. 项\n'],
  ['an indented line', '  文\n'],
  ['a trailing space', '文 \n'],
  ['emphasis', '文*强*\n'],
  ['a literal URL', '见www.w3.org\n'],
  ['a lone bracket', '文]\n'],
])('%s is left to micromark', (_name, body) => {
  expect(plainArticle(`---\ntitle: 题\n---\n\n${body}`)).toBeUndefined();
});

test('an article without front matter, or with a closing fence that is not --- alone, is left to micromark', () => {
  expect(plainArticle('正文\n')).toBeUndefined();
  expect(plainArticle('---\ntitle: 题\n--- \n\n正文\n')).toBeUndefined();
  expect(plainArticle('---\ntitle: 题\n----\n---\n\n正文\n')).toBeUndefined();
});

/** Lines of text with the marks that make Markdown more than text, among those that do not. */
const TEXT = ['科技创新', '，', '。', '“引”', '（括号）', 'AI', 'abc ', '2025年', '😀', '\u3000', ' ', '#', ' #', ':', '：', '.', '!', '-', '1.', '>', '[^a]', '[^A]', '[^b]', '[^a][^b]', '[^a]:', '[^zz]', '[^a](', '[', ']', '*', '_', '`', '<', '&', '|', '\\', '\t', 'www.x', 'http://x', 'a@b'];
const LINE_STARTS = ['', '', '', '', '# ', '## ', '###### ', '####### ', '#', '[^a]: ', '[^b]: ', '[^A]: ', '[^a]:', '[x]: ', '1. ', '- ', '> ', '    ', '===', '---', '|'];

test('random near-plain Markdown: what is read is what micromark reads', () => {
  let plain = 0;
  const line = fc.tuple(fc.constantFrom(...LINE_STARTS), fc.array(fc.constantFrom(...TEXT), { maxLength: 6 })).map(([start, text]) => start + text.join(''));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 12 }), fc.constantFrom('', '\n', '\n\n'), (lines, end) => {
      const markdown = `---\ntitle: 题\n---\n\n${lines.join('\n')}${end}`;
      const tree = plainArticle(markdown);
      if (!tree) return;
      plain++;
      expect(data(tree)).toEqual(data(articleParser.parse(markdown)));
    }),
    // A fixed seed: the same inputs every run, so a failure is one to reproduce.
    { numRuns: 3000, seed: 218 },
  );
  // Enough of them plain to test the reading, not only the refusals.
  expect(plain).toBeGreaterThan(300);
});
