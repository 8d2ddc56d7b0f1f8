/** A run of text as pdfjs reads it back from a PDF, with its origin. */
export interface PrintedRun {
  str: string;
  x: number;
  y: number;
}

/** The PDF's text as pdfjs reads it back: runs with their origins, a page each. */
export async function readBack(bytes: Uint8Array): Promise<PrintedRun[][]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: PrintedRun[][] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.flatMap((item) => ('str' in item && item.str ? [{ str: item.str, x: item.transform[4], y: item.transform[5] }] : [])));
  }
  return pages;
}

/** Whether `needle`'s characters all occur in `haystack` in order; the first one that does not, else undefined. */
export function missingInOrder(needle: string, haystack: string): { ch: string; after: string } | undefined {
  let at = 0;
  for (const ch of needle) {
    const found = haystack.indexOf(ch, at);
    if (found < 0) return { ch, after: haystack.slice(Math.max(0, at - 20), at) };
    at = found + ch.length;
  }
  return undefined;
}
