import { deflateSync } from 'node:zlib';
import { layoutLoaded, loadIssue } from '../src/build.js';
import type { GlyphRun } from '../src/fonts/fontbook.js';
import type { LaidOutDocument, TextItem } from '../src/layout/types.js';
import type { PageCache } from '../src/render/pagecache.js';
import { renderPdf } from '../src/render/pdf.js';
import { prepareFontPrograms, subsetOrders } from '../src/render/programs.js';
import type { Subset } from '../src/render/subsets.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';

function text(face: string, content: string): TextItem {
  return { kind: 'text', face, size: 10, x: 0, y: 0, text: content, charSpacing: 0, color: [0, 0, 0, 100] };
}

function documentOf(...pages: TextItem[][]): LaidOutDocument {
  return {
    width: 100,
    height: 100,
    info: { title: '', author: '', lang: 'zh-CN', date: new Date(0) },
    pages: pages.map((items, i) => ({ number: i + 1, items, bookmarks: [] })),
  };
}

/** A face whose glyph ids are the characters' code points; a Latin word is one glyph, its length. */
function codePointFace() {
  return {
    glyphs: (piece: string): GlyphRun => {
      const ids = piece.length > 1 ? [piece.length] : [piece.codePointAt(0)!];
      return { ids, codePoints: [[0]], xAdvances: [0], widths: [0] };
    },
  };
}

test('a face’s subset order is .notdef, then each glyph where pages, runs and pieces first draw it', () => {
  const faces = new Map([
    ['han', codePointFace()],
    ['latin', codePointFace()],
  ]);
  const doc = documentOf([text('han', '中文'), text('latin', 'ab c'), text('han', '文字中')], [text('latin', 'abc ab')]);
  expect(subsetOrders(doc, faces)).toEqual(
    new Map([
      ['han', [0, 0x4e2d, 0x6587, 0x5b57]],
      ['latin', [0, 2, 32, 0x63, 3]],
    ]),
  );
});

test('a subset of the glyphs foreseen takes the program prepared and deflated; one of other glyphs is encoded then', async () => {
  const world = nodeWorld(PACKAGE_ROOT);
  const faces = loadIssue('218', world).faces;
  const face = faces.get('fangsong')!;
  const programs = prepareFontPrograms(documentOf([text('fangsong', '信息集锦')]), faces);
  await programs.deflated;
  const subsetOf = (font: object, characters: string) => {
    const subset = (font as { createSubset(): Subset }).createSubset();
    for (const ch of characters) subset.includeGlyph(face.glyphs(ch).ids[0]);
    return subset;
  };
  const embeddable = programs.embeddable(face);
  const prepared = subsetOf(embeddable, '信息集锦').encode();
  expect(Buffer.from(prepared).equals(Buffer.from(subsetOf(face.embeddable, '信息集锦').encode()))).toBe(true);
  expect(subsetOf(embeddable, '信息集锦').encode()).toBe(prepared);
  const deflated = programs.deflate(prepared, deflateSync);
  expect(programs.deflate(prepared, deflateSync)).toBe(deflated);
  expect(Buffer.from(deflated).equals(deflateSync(prepared))).toBe(true);
  const other = subsetOf(embeddable, '息信集锦').encode();
  expect(other).not.toBe(prepared);
  expect(Buffer.from(programs.deflate(other, deflateSync)).equals(deflateSync(other))).toBe(true);
});

test('issue 218: every face’s subset is foreseen glyph for glyph, so every font program embedded is the one prepared before drawing', async () => {
  const world = nodeWorld(PACKAGE_ROOT);
  const loaded = loadIssue('218', world);
  const doc = layoutLoaded(loaded, {}, world);
  // A page cache records each face's subset as drawing left it.
  const pages: PageCache = {};
  await renderPdf(doc, loaded.faces, { pages });
  const drawn = new Map([...pages.last!.fonts].map(([face, placed]) => [face, [...placed.glyphs]]));
  expect(subsetOrders(doc, loaded.faces)).toEqual(drawn);
});

test('regression: a text item whose face has no font is refused by name, not a TypeError from foreseeing its subset', async () => {
  await expect(renderPdf(documentOf([text('missing', '字')]), new Map())).rejects.toThrow('no font for face missing');
});
