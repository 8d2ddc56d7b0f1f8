import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Loaded } from '../src/build.js';
import type { BlockTag, LaidOutDocument, TextItem } from '../src/layout/types.js';
import { sourceStretch } from '../src/render/actualtext.js';
import { utf16Hex } from '../src/render/glyphs.js';
import { renderPdf } from '../src/render/pdf.js';
import { leading, lines, spanned } from '../src/render/structure.js';
import { circled } from '../src/layout/collect.js';
import { main } from '../src/cli.js';
import { PACKAGE_ROOT } from '../src/world.js';
import { buildIssue218 } from './issue218.js';
import { elements, readStructure } from './structure.js';

let loaded: Loaded;
let document: LaidOutDocument;
let pdf: Uint8Array;

beforeAll(async () => {
  ({ loaded, document, pdf } = await buildIssue218());
});

const run = (text: string, y: number, size = 16): TextItem => ({ kind: 'text', face: 'f', size, x: 0, y, text, charSpacing: 0, color: [0, 0, 0, 100] });

test('a drawn line stands for its stretch of the source: line-end hyphens are the drawing’s own, a Latin break’s space stays with the line before', () => {
  expect(sourceStretch('科技创新引领', '科技创', 0)).toEqual({ start: 0, end: 3 });
  expect(sourceStretch('科技创新引领', '新引领', 3)).toEqual({ start: 3, end: 6 });
  expect(sourceStretch('an accessible file', 'an acces-', 0)).toEqual({ start: 0, end: 8 });
  expect(sourceStretch('an accessible file', 'sible', 8)).toEqual({ start: 8, end: 14 });
  expect(sourceStretch('an accessible file', 'file', 14)).toEqual({ start: 14, end: 18 });
  expect(sourceStretch('见 Nature 一文', '见Nature', 0)).toEqual({ start: 0, end: 9 });
  expect(sourceStretch('well-known', 'well-', 0)).toEqual({ start: 0, end: 5 });
  expect(sourceStretch('x', '', 0)).toEqual({ start: 0, end: 0 });
});

test('ActualText is UTF-16BE with a byte-order mark', () => {
  expect(utf16Hex('A“')).toBe('<FEFF0041201C>');
  expect(utf16Hex('𠀀')).toBe('<FEFFD840DC00>');
  expect(utf16Hex('')).toBe('<FEFF>');
});

test('a block’s runs split into lines; raised note markers stay on theirs, outside the span only at its ends', () => {
  const line = [run('生产力”', 315), run('①', 309.35, 10.5), run('，为新时代', 315)];
  const next = [run('经济高质量发展', 346.7)];
  expect(lines([...line, ...next])).toEqual([line, next]);
  expect(spanned(line)).toEqual([0, 2]);
  expect(spanned([run('质态。', 505), run('④', 499.3, 10.5)])).toEqual([0, 0]);
  expect(spanned([run('①', 499.3, 10.5), run('见', 505)])).toEqual([1, 1]);
  expect(leading([run('①②⑥', 600), run(' ', 600.7), run('《中共中央', 600)], '①②⑥ ')).toBe(2);
  expect(leading([run('①②⑥ 《中共中央', 600)], '①②⑥ ')).toBe(0);
  // A Latin run sits 0.96 pt lower to centre its face: on the line, not raised.
  expect(spanned([run('耗电量', 632.22), run('2.4', 633.18), run('亿度', 632.22)])).toEqual([0, 2]);
});

/** pdfjs reads the drawn glyphs, not the ActualText, and puts spaces where it sees gaps: compared without whitespace. */
const squeeze = (s: string) => s.replace(/\s/g, '');

test('issue 218 is tagged: masthead paragraphs, a TOC of linked entries, five Art in article order, each titled by an H1, notes labelled', async () => {
  const pages = await readStructure(pdf);
  const [front] = pages[0].children;
  expect(front.role).toBe('Document');
  expect(front.children.map((e) => e.role)).toEqual(['P', 'P', 'P', 'P', 'P', 'TOC']);
  const toc = front.children[5];
  expect(toc.children.map((e) => e.role)).toEqual(['Caption', ...loaded.articles.map(() => 'TOCI')]);
  expect(toc.children.slice(1).map((entry) => entry.children.map((e) => e.role))).toEqual(loaded.articles.map(() => ['Link']));
  expect(toc.children.slice(1).map((entry) => squeeze(entry.children[0].text))).toEqual(loaded.articles.map((a) => squeeze(`★${a.toc.text}`)));

  const all = pages.slice(1).flatMap((page) => elements(page));
  const titles = all.filter(({ element }) => element.role === 'H1');
  expect(titles.every(({ path }) => path.join('/') === 'Document/Art')).toBe(true);
  expect(titles.map(({ element }) => squeeze(element.text))).toEqual(loaded.articles.map((a) => squeeze(a.title.text)));
  // A heading may run over a page break (the print keeps nothing with the next line): its pieces are joined.
  const headings = all.filter(({ element }) => element.role === 'H2').map(({ element }) => squeeze(element.text)).join('');
  for (const article of loaded.articles) {
    for (const block of article.body) if (block.kind === 'heading' && block.level === 1) expect(headings).toContain(squeeze(block.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('')));
  }
  const notes = all.filter(({ element }) => element.role === 'Note');
  expect(notes).toHaveLength(loaded.articles.reduce((n, a) => n + a.notes.length, 0));
  expect(notes.every(({ path }) => path.join('/') === 'Document/Art')).toBe(true);
  const labels = notes.map(({ element }) => element.children.map((child) => [child.role, squeeze(child.text)]));
  expect(labels).toEqual(loaded.articles.flatMap((a) => a.notes.map((note) => [['Lbl', note.numbers.map(circled).join('')]])));
  expect(pages.every((page) => page.children.length === 1 && page.children[0].role === 'Document')).toBe(true);
  // Matterhorn 14-003: no heading level is skipped (an article's title is its H1).
  const levels = all.flatMap(({ element }) => (/^H\d$/.test(element.role) ? [Number(element.role[1])] : []));
  expect(levels.filter((level, i) => i > 0 && level > levels[i - 1] + 1)).toEqual([]);
});

test('every run of text is tagged content or an artifact (Matterhorn 01-005), and every Note has an ID in the IDTree (19-003)', async () => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
  const loose: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const open: (string | null)[] = [];
    for (const item of (await (await doc.getPage(n)).getTextContent({ includeMarkedContent: true })).items) {
      if ('str' in item) {
        if (item.str.trim() && !open.some((tag) => tag !== null)) loose.push(`page ${n}: ${item.str}`);
      } else if (item.type === 'endMarkedContent') open.pop();
      else open.push(item.id ?? ((item as { tag?: string }).tag === 'Artifact' ? 'Artifact' : null));
    }
  }
  expect(loose).toEqual([]);
  const text = Buffer.from(pdf).toString('latin1');
  expect(text).toContain('/IDTree');
  const notes = loaded.articles.reduce((n, a) => n + a.notes.length, 0);
  expect(text.match(/\/ID \(note-\d+\)/g)).toHaveLength(notes);
});

test('outline entries and contents links open a view at the title: XYZ at the page’s left edge and the title slot’s top', async () => {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf) }).promise;
  const marks = document.pages.flatMap((page) => page.bookmarks.filter((b) => b.level === 0));
  const outline = await doc.getOutline();
  expect(outline.map((o) => o.title)).toEqual(marks.map((m) => m.title));
  for (const [i, entry] of outline.entries()) {
    const [, kind, left, top] = entry.dest as [unknown, { name: string }, number, number];
    expect([kind.name, left, top]).toEqual(['XYZ', 0, document.height - marks[i].top!]);
  }
  for (const [index, page] of document.pages.entries()) {
    if (!page.bookmarks.some((b) => b.level === 0)) continue;
    const dest = (await doc.getDestination(`page-${index + 1}`)) as [unknown, { name: string }, number, number];
    expect([dest[1].name, dest[2], dest[3]]).toEqual(['XYZ', 0, document.height - page.bookmarks[0].top!]);
    expect(await doc.getPageIndex(dest[0] as { num: number; gen: number })).toBe(index);
  }
});

/** The text poppler's pdftotext gives, lines joined, page numbers left out. CI installs poppler-utils (.ci/run). */
function pdftotext(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'bulletin-')), 'a.pdf');
  writeFileSync(file, bytes);
  const out = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => !/^—\s*\d+\s*—$/.test(line.trim())).join('').replace(/\f/g, '');
}

/** poppler is on CI's machines (.ci/run installs it); on a developer's machine without it the copy-and-paste test says so and is skipped. */
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext && process.env.CI) throw new Error('pdftotext (poppler-utils) is missing: .ci/run installs it');
if (!hasPdftotext) console.warn('pdftotext (poppler-utils) is not installed: the copy-and-paste test of issue 218 is skipped (apt-get install poppler-utils)');

(hasPdftotext ? test : test.skip)('copying issue 218 gives every block’s own text: no space between Han characters, Han and digits, or around punctuation that the source has not', () => {
  const tags = [...new Set(document.pages.flatMap((page) => page.items.flatMap((item) => (item.kind !== 'rule' && item.block ? [item.block] : []))))];
  const text = pdftotext(pdf);
  const missing = tags.filter((tag: BlockTag) => !text.includes(tag.text)).map((tag) => tag.text.slice(0, 40));
  expect(missing).toEqual([]);
  const spaces = (s: string) => s.split(' ').length - 1;
  expect(spaces(text)).toBe(tags.reduce((n, tag) => n + spaces(tag.text), 0));
  expect(text).toContain('部长 阴和俊');
  expect(text).toContain('助力科技“领跑”');
});

test('--no-tags writes no structure; ua-1 identifies PDF/UA-1, with the PDF/A extension schema when it is PDF/A too', async () => {
  const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
  expect(latin1(pdf)).toContain('/StructTreeRoot');
  expect(latin1(pdf)).not.toContain('pdfuaid');
  expect(latin1(await renderPdf(document, loaded.faces, { tagged: false }))).not.toContain('/StructTreeRoot');
  const ua = latin1(await renderPdf(document, loaded.faces, { pdfUA: true }));
  expect(ua).toContain('<pdfuaid:part>1</pdfuaid:part>');
  expect(ua).not.toContain('pdfaExtension');
  expect(ua).toContain('/DisplayDocTitle true');
  expect(ua).toContain('<dc:title>');
  const both = latin1(await renderPdf(document, loaded.faces, { pdfUA: true, pdfA: true }));
  expect(both).toContain('<pdfuaid:part>1</pdfuaid:part>');
  expect(both).toContain('<pdfaid:part>2</pdfaid:part>');
  expect(both).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
  await expect(renderPdf(document, loaded.faces, { pdfUA: true, tagged: false })).rejects.toThrow('PDF/UA needs a tagged PDF');
});

test('build refuses PDF/UA-1 without tags, and standards it does not know', async () => {
  const said: string[] = [];
  const io = { out: (l: string) => said.push(l), err: (l: string) => said.push(l) };
  expect(await main(['build', '218', '--no-tags', '--pdf-standard', 'ua-1', '-o', '-'], io, PACKAGE_ROOT)).not.toBe(0);
  expect(said.join('\n')).toContain('PDF/UA-1 needs the tags');
  expect(await main(['build', '218', '--pdf-standard', 'a-2b,a-2b', '-o', '-'], io, PACKAGE_ROOT)).not.toBe(0);
  expect(await main(['build', '218', '--pdf-standard', 'ua-2', '-o', '-'], io, PACKAGE_ROOT)).not.toBe(0);
  expect(said.join('\n')).toContain('give a-2b, ua-1 or both');
});
