import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BulletinError } from '../errors.js';
import { checkpoint } from '../interrupt.js';
import type { World } from '../world.js';
import { groupLines, type PrintedPage, type PrintedRun } from './lines.js';

/**
 * The text of a PDF, page by page and line by line in visual order, through pdfjs-dist. It is
 * loaded with import() here only, so that a build never pays for it (about 2 MB of code).
 * `shown` names the file in messages. With `fonts`, each run carries its font's name (which
 * tells a bold face), at the cost of interpreting every page's drawing operators.
 */
export async function readPrintedPages(path: string, shown: string, world: World, options: { fonts?: boolean } = {}): Promise<PrintedPage[]> {
  if (world.kind(path) !== 'file') throw new BulletinError(`cannot read ${shown}: ${world.kind(path) === 'missing' ? 'no such file' : 'not a regular file'}`);
  const bytes = world.readFile(path);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // Archived Chinese PDFs often use the predefined CJK CMaps and the 14 standard fonts unembedded:
  // without these two folders pdfjs extracts no text from them.
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  // pdfjs in Node reads these with fs.readFile(folder + name): plain paths, not file: URLs.
  const folder = (name: string) => `${join(root, name)}/`;
  let doc;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), cMapUrl: folder('cmaps'), cMapPacked: true, standardFontDataUrl: folder('standard_fonts'), useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (error) {
    throw new BulletinError(`cannot read ${shown} as a PDF: ${(error as Error).message}`, { file: shown });
  }
  const pages: PrintedPage[] = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      await checkpoint(world);
      const page = await doc.getPage(n);
      const [, , width, height] = page.view;
      const content = await page.getTextContent();
      // pdfjs knows a font's own name only once the page's operators have loaded it.
      if (options.fonts) await page.getOperatorList();
      const font = (id: string) => (options.fonts && page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string }).name : undefined);
      const runs: PrintedRun[] = content.items.flatMap((item) =>
        'str' in item && item.str !== ''
          ? [{ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, size: Math.hypot(item.transform[2], item.transform[3]), font: font(item.fontName) }]
          : [],
      );
      pages.push({ page: n, width, height, lines: groupLines(runs) });
    }
  } finally {
    await doc.destroy();
  }
  return pages;
}
