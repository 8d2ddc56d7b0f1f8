import type { Color, LaidOutDocument } from '../layout/types.js';
import { fillColorOperators, fontOnPage, openedFace, textOperators, type DrawableFace, type OpenedFace } from './glyphs.js';
import { collectedBytes } from './collected.js';
import { reusedDeflater } from './deflater.js';
import { pageRecorder, type PageCache } from './pagecache.js';
import { prepareFontPrograms } from './programs.js';
import { openStructure, type Painter } from './structure.js';
import { rememberingSubsets, type SubsetCache } from './subsets.js';
import { PDFUA_ID, PDFUA_ID_EXTENSION, xmpModifyDate } from './xmp.js';

/** The faces to embed and draw, by face id. */
export type DrawableFaces = ReadonlyMap<string, DrawableFace>;

export interface RenderOptions {
  /** PDF/A-2b (ISO 19005-2, level B): XMP identification, an sRGB output intent, colours in RGB. */
  pdfA?: boolean;
  /** Tagged PDF (default): a structure tree, ActualText on every block's runs, decoration as artifacts. */
  tagged?: boolean;
  /** PDF/UA-1 (ISO 14289-1) identification in XMP; needs tags. */
  pdfUA?: boolean;
  /** Deflate streams (default); watch previews skip it, deflating being a third of a warm render. */
  compress?: boolean;
  /** Font programs of earlier renders of the same faces (watch), reused where a subset is unchanged. */
  subsets?: SubsetCache;
  /** The pages of the last render (watch): a page that would be drawn the same takes its content from there. */
  pages?: PageCache;
  /** Awaited every few pages, so that a signal can stop a long render (build.ts passes its checkpoint). */
  betweenPages?: () => Promise<void>;
}

/** Room for the PDF of an issue (218: 0.8 MB) before the output buffer must grow, by a copy. */
const OUTPUT_RESERVED = 1 << 20;

/** Pages drawn between two calls of betweenPages: one call costs about 20 µs, a page about 3 ms. */
const PAGES_BETWEEN_CHECKS = 8;

/** renderPdfParts' PDF in one buffer. */
export async function renderPdf(doc: LaidOutDocument, faces: DrawableFaces, options: RenderOptions = {}): Promise<Uint8Array> {
  const parts = await renderPdfParts(doc, faces, options);
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/**
 * Draw the laid-out pages with pdfkit and return the PDF's bytes in parts, one after the other:
 * its font programs are not copied into one buffer with the rest. Every position and glyph comes
 * from the layout; pdfkit writes the page objects and embeds subset fonts. pdfkit is loaded
 * here, on first use, so that commands which render nothing (check, fonts, new) start without it.
 */
export async function renderPdfParts(doc: LaidOutDocument, faces: DrawableFaces, options: RenderOptions = {}): Promise<Uint8Array[]> {
  const { default: PDFDocument } = await import('pdfkit');
  const pdfA = options.pdfA ?? false;
  const tagged = options.tagged ?? true;
  if (options.pdfUA && !tagged) throw new Error('PDF/UA needs a tagged PDF');
  // pdfkit copies Title and Author into the XMP packet unescaped; in PDF/A, where Info and XMP
  // must agree, the XML specials become their full-width forms in both.
  const text = (s: string) => (pdfA ? s.replace(/[&<>]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) : s);
  const color = (c: Color) => (pdfA ? rgb(c) : cmyk(c));
  const compress = options.compress ?? true;
  // The faces drawn, and the pages links point at: one pass, a watch rebuild makes it every time.
  const used = new Set<string>();
  const targets = new Set<number>();
  for (let p = 0; p < doc.pages.length; p++) {
    const items = doc.pages[p].items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind === 'text') used.add(item.face);
      else if (item.kind === 'link') targets.add(item.targetPage);
    }
  }
  for (const id of used) if (!faces.has(id)) throw new Error(`no font for face ${id}`);
  // A watch rebuild reuses its last font programs and pages instead (subsets, pages).
  const output = collectedBytes(OUTPUT_RESERVED);
  const programs = compress && !options.subsets && !options.pages ? prepareFontPrograms(doc, faces) : undefined;
  const deflate = reusedDeflater();
  const pdf = new PDFDocument({
    size: [doc.width, doc.height],
    margin: 0,
    autoFirstPage: false,
    compress,
    // pdfkit patch: the output written here, not pushed through the stream chunk by chunk.
    ...({ write: (data: Uint8Array | string) => (typeof data === 'string' ? output.appendLine(data) : (output.append(data), data.length)) } as object),
    // pdfkit patch: streams deflated through this; the font programs prepared come deflated already.
    ...({ deflate: (bytes: Uint8Array) => (programs ? programs.deflate(bytes, deflate) : deflate(bytes)) } as object),
    // No default font: pdfkit's Helvetica would be an unembedded standard font, refused by PDF/A.
    font: null as unknown as string,
    lang: doc.info.lang,
    displayTitle: true,
    tagged,
    // Tagged PDF is PDF 1.4's; PDF/UA-1 and PDF/A-2 are built on 1.7 (ISO 32000-1).
    ...(tagged || pdfA ? { pdfVersion: '1.7' as const } : {}),
    ...(pdfA ? { subset: 'PDF/A-2b' as const } : {}),
    info: {
      Title: text(doc.info.title),
      Author: text(doc.info.author),
      Creator: 'bulletin',
      Producer: 'bulletin (pdfkit)',
      CreationDate: doc.info.date,
      ModDate: doc.info.date,
    },
  });
  // A stream ends only if read: the output itself goes to `output` (the write option).
  pdf.resume();
  const done = new Promise<Uint8Array[]>((resolve, reject) => {
    pdf.on('end', () => resolve(output.parts()));
    pdf.on('error', reject);
  });

  for (const id of [...used].sort()) {
    const font = faces.get(id)!;
    const embeddable = options.subsets ? rememberingSubsets(font.embeddable, options.subsets) : (programs?.embeddable(font) ?? font.embeddable);
    pdf.registerFont(id, embeddable as never);
  }

  const outlineParents: PDFKit.PDFOutline[] = [];
  const recorder = options.pages ? pageRecorder(options.pages, JSON.stringify([doc.width, doc.height, pdfA, tagged]), faces) : undefined;
  /** The page's content is the last render's: drawing only opens fonts and enters them in the page's resources. */
  let replaying = false;
  /** The faces drawn so far, by id, in the order first drawn. */
  const opened = new Map<string, OpenedFace>();
  const open = (id: string): OpenedFace => {
    const face = openedFace(pdf, id, faces.get(id)!);
    opened.set(id, face);
    recorder?.fontOpened(id, face.font);
    return face;
  };
  let pageIndex = 0;
  /** Fill operators by colour object, made once: the runs of a style share its colour. */
  const fills = new Map<Color, string>();
  const fill = (c: Color): string => {
    let operators = fills.get(c);
    if (operators === undefined) fills.set(c, (operators = fillColorOperators(color(c))));
    return operators;
  };
  const painter: Painter = {
    draw(item, closeSpan = false, spanOpening = '') {
      if (item.kind === 'text') {
        const face = opened.get(item.face) ?? open(item.face);
        if (face.page !== pageIndex) {
          fontOnPage(pdf, face.font);
          face.page = pageIndex;
        }
        if (!replaying) pdf.addContent(textOperators(face, item, doc.height, spanOpening, fill(item.color), closeSpan));
      } else if (!replaying) {
        pdf.save().lineWidth(item.width).strokeColor(color(item.color)).moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke().restore();
      }
    },
    // Named destinations resolve by name, so a link may point at a page not yet drawn.
    link: (item, linkOptions) => pdf.goTo(item.x, item.y, item.width, item.height, destination(item.targetPage), linkOptions),
  };
  const structure = tagged ? openStructure(pdf) : undefined;
  for (let index = 0; index < doc.pages.length; index++) {
    const page = doc.pages[index];
    pageIndex = index;
    if (index > 0 && index % PAGES_BETWEEN_CHECKS === 0) await options.betweenPages?.();
    pdf.addPage({ size: [doc.width, doc.height], margin: 0 });
    // A view opens at the page's first heading (an article's title), else at the page's top.
    const top = page.bookmarks[0]?.top ?? 0;
    if (targets.has(index)) pdf.addNamedDestination(destination(index), 'XYZ', VIEW_LEFT, top, null);
    for (const mark of page.bookmarks) {
      const parent = mark.level === 0 ? pdf.outline : (outlineParents[mark.level - 1] ?? pdf.outline);
      outlineParents[mark.level] = parent.addItem(mark.title, outlineView(doc.width, mark.top ?? 0));
    }
    const reused = recorder?.begin(index, page.items, structure?.openBlocks() ?? '');
    replaying = reused !== undefined;
    if (structure) structure.page(page.items, doc.pages[index + 1]?.items ?? [], painter);
    else for (const item of page.items) item.kind === 'link' ? painter.link(item) : painter.draw(item);
    recorder?.end(pdf, index, reused);
  }
  recorder?.finish();
  if (pdfA) pdf.appendXML(xmpModifyDate(doc.info.date));
  if (options.pdfUA) pdf.appendXML(pdfA ? PDFUA_ID + PDFUA_ID_EXTENSION : PDFUA_ID);
  for (const id of used) faces.get(id)!.readOutlines();
  await programs?.deflated;
  pdf.end();
  return done;
}

/** Where a view of a heading opens horizontally: the page's left edge. */
const VIEW_LEFT = 0;

/**
 * An outline entry's view: XYZ at the page's left edge and `top` from the page's top. pdfkit
 * 0.20.2 writes an outline XYZ's left as the page width minus the left it is given, so it is
 * given the width minus the left meant.
 */
function outlineView(pageWidth: number, top: number): { expanded?: boolean } {
  return { left: pageWidth - VIEW_LEFT, top } as { expanded?: boolean };
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
