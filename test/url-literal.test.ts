import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Link, Paragraph, PhrasingContent, Root } from 'mdast';
import { gfmWithAsciiUrls } from '../src/markdown/gfm.js';
import { parseArticle } from '../src/markdown/parse.js';
import type { Inline } from '../src/markdown/types.js';
import { PACKAGE_ROOT } from '../src/world.js';
import { run, strip } from './fixtures.js';
import { readBack } from './readback.js';

const processor = unified().use(remarkParse).use(gfmWithAsciiUrls);

/** Links whose text is their address. */
const asWritten = (...urls: string[]) => urls.map((url) => [url, url]);

/** The first paragraph's links, each as its text and its address. */
function links(markdown: string): [string, string][] {
  const paragraph = (processor.parse(markdown) as Root).children[0] as Paragraph;
  const isLink = (node: PhrasingContent): node is Link => node.type === 'link';
  return paragraph.children.filter(isLink).map((link) => [link.children.map((c) => (c.type === 'text' ? c.value : `<${c.type}>`)).join(''), link.url]);
}

/** The article's first paragraph as its spans: text as written, a note reference as [n]. */
function spans(paragraph: string, notes = '[^a]: 注。'): string[] {
  const article = parseArticle('a.md', `---\ntitle: 题\nbyline: 张三\nsource: 来源\n---\n\n${paragraph}\n\n${notes}\n`);
  return (article.body[0].inlines as Inline[]).map((i) => (i.kind === 'text' ? i.text : `[${i.number}]`));
}

describe('a URL ends where Chinese text begins (GFM ran it on to the next space)', () => {
  test('URL then Chinese then a footnote reference: the URL stops at 。 and the footnote is defined', () => {
    expect(links('详见https://www.w3.org/TR/clreq/。据报道[^a]\n\n[^a]: 注。')).toEqual(asWritten('https://www.w3.org/TR/clreq/'));
    expect(spans('详见https://www.w3.org/TR/clreq/。据报道[^a]')).toEqual(['详见', 'https://www.w3.org/TR/clreq/', '。据报道', '[1]']);
  });

  test('a footnote reference right after a URL is a reference, not part of the URL', () => {
    expect(spans('见https://example.com/a[^a]。')).toEqual(['见', 'https://example.com/a', '[1]', '。']);
  });

  test('a URL stops at any non-ASCII character: CJK, full-width marks, curly quotes', () => {
    expect(links('https://example.com/a中文 https://example.com/b，x https://example.com/c“d”')).toEqual(asWritten('https://example.com/a', 'https://example.com/b', 'https://example.com/c'));
  });

  test('a www. URL after Chinese is a URL, and also ends at the Chinese after it', () => {
    expect(links('详见www.example.org/path?q=1&r=2也能识别')).toEqual([['www.example.org/path?q=1&r=2', 'http://www.example.org/path?q=1&r=2']]);
    expect(links('A WWW.Example.ORG/x b')).toEqual([['WWW.Example.ORG/x', 'http://WWW.Example.ORG/x']]);
  });

  test('a bare https URL and an http one in any letter case', () => {
    expect(links('see https://example.com and HTTP://EXAMPLE.COM/A.')).toEqual(asWritten('https://example.com', 'HTTP://EXAMPLE.COM/A'));
  });

  test('no URL: a scheme after a letter, www. after a letter, an underscore in one of the last two labels of the host', () => {
    expect(links('xhttps://example.com awww.example.com http://a.b_c.com http://a.b.c_d www. https://')).toEqual([]);
  });
});

describe('GFM trailing punctuation still leaves the URL', () => {
  test('an ASCII full stop at the end of a sentence', () => {
    expect(spans('see https://example.com/page. 然后')).toEqual(['see ', 'https://example.com/page', '. 然后']);
  });

  test('.,:;!?\'*_~ at the end, and &name; character references', () => {
    expect(links('https://a.com/x.,:;!?\'*_~ https://a.com/y&amp; https://a.com/z&b=1')).toEqual(asWritten('https://a.com/x', 'https://a.com/y', 'https://a.com/z&b=1'));
  });

  test('trailing punctuation followed by Chinese is trailing too', () => {
    expect(spans('见https://example.com/a.。')).toEqual(['见', 'https://example.com/a', '.。']);
  });

  test('a ) closing a ( inside the URL is part of it; the one closing the text is not', () => {
    expect(spans('(https://example.com/a_(b)).')).toEqual(['(', 'https://example.com/a_(b)', ').']);
  });

  test('full-width parentheses stay outside the URL', () => {
    expect(spans('（https://example.com/a_(b)）[^a]')).toEqual(['（', 'https://example.com/a_(b)', '）', '[1]']);
  });

  test('a " < \\ or space ends a URL: they are not URL code points', () => {
    expect(links('"https://a.com/x" <https://a.com/y> https://a.com/z\\_w')).toEqual(asWritten('https://a.com/x', 'https://a.com/y', 'https://a.com/z'));
  });
});

describe('every character of a URL is kept', () => {
  test('*x* and _y_ inside a URL keep their asterisks and underscores', () => {
    expect(spans('网址https://example.com/a*x*b/c_y_d/均须原样印出')).toEqual(['网址', 'https://example.com/a*x*b/c_y_d/', '均须原样印出']);
    expect(spans('网址www.example.org/*x*/_y_/z。')).toEqual(['网址', 'www.example.org/*x*/_y_/z', '。']);
  });

  test('e-mail-like text keeps its underscores and ends at the Chinese after it', () => {
    expect(links('来信请寄_zhang_san_@example.com。谢谢')).toEqual([['_zhang_san_@example.com', 'mailto:_zhang_san_@example.com']]);
    expect(spans('来信请寄zhang_san@example.com。谢谢')).toEqual(['来信请寄', 'zhang_san@example.com', '。谢谢']);
  });

  test('the text of the paragraph\'s spans equals the source text', () => {
    const paragraph = '详见https://www.w3.org/TR/clreq/。以www.example.org/a*x*/b_y_开头，see https://example.com/page. （https://example.com/a_(b)）来信zhang_san@example.com。';
    expect(spans(paragraph).join('')).toBe(paragraph);
  });
});

describe('the URL sample article', () => {
  const sample = join(PACKAGE_ROOT, 'test', 'fixtures', 'urls');
  const URLS = ['https://www.w3.org/TR/clreq/', 'https://example.com/a*x*b/c_y_d/', 'www.example.org/path?q=1&r=2', 'https://example.com/page.', 'https://example.com/a_(b)', 'zhang_san@example.com', 'www.example.org。'];

  test('builds, and every URL reads back from the PDF', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bulletin-urls-'));
    const result = await run(['build', sample, '-o', join(out, 'urls.pdf')], out);
    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const text = (await readBack(readFileSync(join(out, 'urls.pdf')))).flat().map((r) => r.str).join('');
    for (const url of URLS) expect(strip(text)).toContain(url);
    // GFM's link swallowed a reference at a line's end with its text, and the PDF showed “[^clreq]”.
    for (const referenced of ['联盟发布。①', '也能识别。②', '不吞括号。③']) expect(strip(text)).toContain(referenced);
    expect(text).not.toContain('[^');
  });

  test('every paragraph of it keeps its source text', () => {
    const source = readFileSync(join(sample, 'urls.md'), 'utf8');
    const article = parseArticle('urls.md', source);
    const written = source.split('\n').filter((line) => /^[^#\-[a-z]/.test(line) && line.trim());
    const paragraphs = article.body.filter((b) => b.kind === 'paragraph').map((b) => b.inlines.map((i) => (i.kind === 'text' ? i.text : `[^${article.notes.find((n) => n.numbers.includes(i.number))?.label}]`)).join(''));
    expect(paragraphs).toEqual(written);
  });
});
