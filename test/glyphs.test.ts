import { layoutLoaded, loadIssue } from '../src/build.js';
import { pieces, type DrawableFace } from '../src/render/glyphs.js';
import { renderPdf } from '../src/render/pdf.js';
import type { TextItem } from '../src/layout/types.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';

/** pdfkit's own text(): the glyph runs shaped again from the text, as bulletin drew them before. */
function pdfkitText(pdf: PDFKit.PDFDocument, item: TextItem, _face: DrawableFace): void {
  pdf.text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic', characterSpacing: item.charSpacing });
}

test('a run splits into the Latin words and single characters the layout measured', () => {
  expect(pieces('见Nature 2025年第 12 期')).toEqual(['见', 'Nature', ' ', '2025', '年', '第', ' ', '12', ' ', '期']);
  expect(pieces('a\u00a0b，“OK”')).toEqual(['a\u00a0b', '，', '“', 'OK', '”']);
  expect(pieces('')).toEqual([]);
});

// Drawing from the layout's glyphs must print exactly what pdfkit's text() printed: the same
// subset fonts, widths, ToUnicode maps and text operators, so the same bytes. It compares the
// two on whatever the layout makes of issue 218 today, so it holds while the layout changes; it
// also fails when the pdfkit internals drawGlyphs relies on change. Untagged: a tagged PDF ends
// each line's ActualText span inside its last run's q…Q, where pdfkit's text() cannot.
test('issue 218 drawn from the layout’s glyphs is byte-identical to pdfkit’s text()', async () => {
  const world = nodeWorld(PACKAGE_ROOT);
  const loaded = loadIssue('218', world);
  const document = layoutLoaded(loaded, {}, world);
  const ours = await renderPdf(document, loaded.faces, { tagged: false });
  const pdfkits = await renderPdf(document, loaded.faces, { tagged: false, paintText: pdfkitText });
  expect(ours.length).toBe(pdfkits.length);
  expect(Buffer.compare(Buffer.from(ours), Buffer.from(pdfkits))).toBe(0);
});
