import PDFDocument from 'pdfkit';
import { layoutLoaded, loadIssue } from '../src/build.js';
import { classifyCodePoint, pieceEnd } from '../src/layout/charclass.js';
import { fillColorOperators, openedFace, textOperators, type OpenedFace, type PdfkitEmbeddedFont } from '../src/render/glyphs.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';

/** `text` cut where pieceEnd ends its pieces. */
function pieces(text: string, joinSpaces: boolean): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; ) {
    const end = pieceEnd(text, i, classifyCodePoint(text.codePointAt(i)!), joinSpaces);
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

test('a run splits into the Latin words and single characters the layout measured', () => {
  expect(pieces('见Nature 2025年第 12 期', false)).toEqual(['见', 'Nature', ' ', '2025', '年', '第', ' ', '12', ' ', '期']);
  expect(pieces('a\u00a0b，“OK”𠀀', false)).toEqual(['a\u00a0b', '，', '“', 'OK', '”', '𠀀']);
  expect(pieces('a  b', false)).toEqual(['a', ' ', ' ', 'b']);
  expect(pieces('a  b', true)).toEqual(['a', '  ', 'b']);
  expect(pieces('', false)).toEqual([]);
});

/** The strings written to a pdfkit page's content stream (patched pdfkit keeps them as strings). */
function written(pdf: PDFKit.PDFDocument): string[] {
  return (pdf as unknown as { page: { content: { buffer: string[] } } }).page.content.buffer;
}

// Drawing from the layout's glyphs must write exactly what pdfkit's fillColor() and text() write,
// and leave the fonts' subsets, widths and ToUnicode maps as text() leaves them, so that the PDF's
// bytes are the same. It compares the two on whatever the layout makes of issue 218 today, so it
// holds while the layout changes; it also fails when the pdfkit internals the renderer relies on
// (PdfkitEmbeddedFont) change.
test('issue 218’s text drawn from the layout’s glyphs is what pdfkit’s fillColor() and text() write', () => {
  const world = nodeWorld(PACKAGE_ROOT);
  const loaded = loadIssue('218', world);
  const document = layoutLoaded(loaded, {}, world);
  const open = () => {
    const pdf = new PDFDocument({ size: [document.width, document.height], margin: 0, autoFirstPage: false, font: null as unknown as string });
    for (const [id, face] of loaded.faces) pdf.registerFont(id, face.embeddable as never);
    return pdf.addPage({ size: [document.width, document.height], margin: 0 });
  };
  const pdfkits = open();
  const ours = open();
  const theirFonts = new Map<string, PdfkitEmbeddedFont>();
  const ourFaces = new Map<string, OpenedFace>();
  let items = 0;
  for (const page of document.pages) {
    for (const item of page.items) {
      if (item.kind !== 'text') continue;
      const from = written(pdfkits).length;
      pdfkits.font(item.face).fontSize(item.size).fillColor([...item.color] as PDFKit.Mixins.ColorValue);
      pdfkits.text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic', characterSpacing: item.charSpacing });
      theirFonts.set(item.face, (pdfkits as unknown as { _font: PdfkitEmbeddedFont })._font);
      let face = ourFaces.get(item.face);
      if (!face) ourFaces.set(item.face, (face = openedFace(ours, item.face, loaded.faces.get(item.face)!)));
      const operators = textOperators(face, item, document.height, '', fillColorOperators(item.color), false);
      expect(`${operators}\n`).toBe(written(pdfkits).slice(from).join(''));
      items++;
    }
  }
  expect(items).toBeGreaterThan(1000);
  expect([...ourFaces.keys()]).toEqual([...theirFonts.keys()]);
  for (const [face, { font }] of ourFaces) {
    const theirs = theirFonts.get(face)!;
    expect([font.id, font.subset.glyphs, font.widths, font.unicode]).toEqual([theirs.id, theirs.subset.glyphs, theirs.widths, theirs.unicode]);
  }
});
