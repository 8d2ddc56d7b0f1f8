import type { Color, LaidOutDocument, TextItem } from '../layout/types.js';
import { drawGlyphs, type DrawableFace } from './glyphs.js';

/** The faces to embed and draw, by face id. */
export type DrawableFaces = ReadonlyMap<string, DrawableFace>;

/** Draws a text item in the current font, size and colour. */
export type TextPainter = (pdf: PDFKit.PDFDocument, item: TextItem, face: DrawableFace) => void;

export interface RenderOptions {
  /** PDF/A-2b (ISO 19005-2, level B): XMP identification, an sRGB output intent, colours in RGB. */
  pdfA?: boolean;
  /** Deflate streams (default); watch previews skip it, deflating being a third of a warm render. */
  compress?: boolean;
  /** How text is drawn: from the layout's glyphs (default); tests compare it with pdfkit's own text(). */
  paintText?: TextPainter;
  /** Awaited every few pages, so that a signal can stop a long render (build.ts passes its checkpoint). */
  betweenPages?: () => Promise<void>;
}

/** Pages drawn between two calls of betweenPages: one call costs about 20 µs, a page about 3 ms. */
const PAGES_BETWEEN_CHECKS = 8;

/**
 * Draw the laid-out pages with pdfkit and return the PDF bytes. Every position and glyph comes
 * from the layout; pdfkit writes the page objects and embeds subset fonts. pdfkit is loaded
 * here, on first use, so that commands which render nothing (check, fonts, new) start without it.
 */
export async function renderPdf(doc: LaidOutDocument, faces: DrawableFaces, options: RenderOptions = {}): Promise<Uint8Array> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdfA = options.pdfA ?? false;
  const paintText = options.paintText ?? drawGlyphs;
  // pdfkit copies Title and Author into the XMP packet unescaped; in PDF/A, where Info and XMP
  // must agree, the XML specials become their full-width forms in both.
  const text = (s: string) => (pdfA ? s.replace(/[&<>]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : s);
  const color = (c: Color) => (pdfA ? rgb(c) : cmyk(c));
  const pdf = new PDFDocument({
    size: [doc.width, doc.height],
    margin: 0,
    autoFirstPage: false,
    compress: options.compress ?? true,
    // No default font: pdfkit's Helvetica would be an unembedded standard font, refused by PDF/A.
    font: null as unknown as string,
    lang: doc.info.lang,
    displayTitle: true,
    ...(pdfA ? { subset: 'PDF/A-2b' as const, pdfVersion: '1.7' as const, tagged: false } : {}),
    info: {
      Title: text(doc.info.title),
      Author: text(doc.info.author),
      Creator: 'bulletin',
      Producer: 'bulletin (pdfkit)',
      CreationDate: doc.info.date,
      ModDate: doc.info.date,
    },
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const used = new Set(doc.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'text' ? [item.face] : []))));
  for (const id of [...used].sort()) {
    const font = faces.get(id);
    if (!font) throw new Error(`no font for face ${id}`);
    pdf.registerFont(id, font.embeddable as never);
  }

  const targets = new Set(doc.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'link' ? [item.targetPage] : []))));
  const outlineParents: PDFKit.PDFOutline[] = [];
  for (const [index, page] of doc.pages.entries()) {
    if (index > 0 && index % PAGES_BETWEEN_CHECKS === 0) await options.betweenPages?.();
    pdf.addPage({ size: [doc.width, doc.height], margin: 0 });
    if (targets.has(index)) pdf.addNamedDestination(destination(index), 'XYZ', 0, 0, null);
    for (const mark of page.bookmarks) {
      const parent = mark.level === 0 ? pdf.outline : (outlineParents[mark.level - 1] ?? pdf.outline);
      outlineParents[mark.level] = parent.addItem(mark.title);
    }
    for (const item of page.items) {
      if (item.kind === 'text') {
        pdf.font(item.face).fontSize(item.size).fillColor(color(item.color));
        paintText(pdf, item, faces.get(item.face)!);
      } else if (item.kind === 'rule') {
        pdf.save().lineWidth(item.width).strokeColor(color(item.color)).moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke().restore();
      } else {
        // Named destinations resolve by name, so a link may point at a page not yet drawn.
        pdf.goTo(item.x, item.y, item.width, item.height, destination(item.targetPage));
      }
    }
  }
  // pdfkit's XMP packet has xmp:CreateDate only; PDF/A wants the Info ModDate in XMP as well.
  if (pdfA) pdf.appendXML(`<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(doc.info.date)}</xmp:ModifyDate></rdf:Description>`);
  for (const id of used) faces.get(id)!.readOutlines();
  pdf.end();
  return done;
}

/** The form pdfkit gives xmp:CreateDate: UTC to the second. */
function xmpDate(date: Date): string {
  return `${date.toISOString().split('.')[0]}Z`;
}

function cmyk(color: Color): [number, number, number, number] {
  return [color[0], color[1], color[2], color[3]];
}

/** The naive CMYK → RGB conversion; PDF/A with an sRGB output intent admits no DeviceCMYK. */
function rgb([c, m, y, k]: Color): [number, number, number] {
  const channel = (v: number) => Math.round(255 * (1 - v / 100) * (1 - k / 100));
  return [channel(c), channel(m), channel(y)];
}

function destination(pageIndex: number): string {
  return `page-${pageIndex + 1}`;
}
