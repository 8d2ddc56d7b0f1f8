import PDFDocument from 'pdfkit';
import type { Color, LaidOutDocument, TextItem } from '../layout/types.js';

/** The fonts to embed, by face id: font objects pdfkit accepts (fontkit fonts). */
export type EmbeddableFaces = ReadonlyMap<string, object>;

/**
 * Draw the laid-out pages with pdfkit's public API and return the PDF bytes. Every position
 * comes from the layout; pdfkit only draws (lineBreak: false) and embeds subset fonts.
 */
export function renderPdf(doc: LaidOutDocument, faces: EmbeddableFaces): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    size: [doc.width, doc.height],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: doc.info.lang,
    displayTitle: true,
    info: {
      Title: doc.info.title,
      Author: doc.info.author,
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
    pdf.registerFont(id, font as never);
  }

  const targets = new Set(doc.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'link' ? [item.targetPage] : []))));
  const outlineParents: PDFKit.PDFOutline[] = [];
  doc.pages.forEach((page, index) => {
    pdf.addPage({ size: [doc.width, doc.height], margin: 0 });
    if (targets.has(index)) pdf.addNamedDestination(destination(index), 'XYZ', 0, 0, null);
    for (const mark of page.bookmarks) {
      const parent = mark.level === 0 ? pdf.outline : (outlineParents[mark.level - 1] ?? pdf.outline);
      outlineParents[mark.level] = parent.addItem(mark.title);
    }
    for (const item of page.items) {
      if (item.kind === 'text') drawText(pdf, item);
      else if (item.kind === 'rule') {
        pdf.save().lineWidth(item.width).strokeColor(cmyk(item.color)).moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke().restore();
      } else {
        // Named destinations resolve by name, so a link may point at a page not yet drawn.
        pdf.goTo(item.x, item.y, item.width, item.height, destination(item.targetPage));
      }
    }
  });
  pdf.end();
  return done;
}

function drawText(pdf: PDFKit.PDFDocument, item: TextItem): void {
  pdf
    .font(item.face)
    .fontSize(item.size)
    .fillColor(cmyk(item.color))
    .text(item.text, item.x, item.y, { lineBreak: false, baseline: 'alphabetic', characterSpacing: item.charSpacing });
}

function cmyk(color: Color): [number, number, number, number] {
  return [color[0], color[1], color[2], color[3]];
}

function destination(pageIndex: number): string {
  return `page-${pageIndex + 1}`;
}
