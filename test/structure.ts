/** A structure element as pdfjs reads it back from one page, with the text of its own marked content. */
export interface ReadElement {
  role: string;
  text: string;
  children: ReadElement[];
}

interface PdfjsNode {
  role?: string;
  type?: string;
  id?: string;
  children?: PdfjsNode[];
}

/** Each page's structure tree (pdfjs-dist's getStructTree), the text of each marked-content id filled in from the page's text. */
export async function readStructure(bytes: Uint8Array): Promise<ReadElement[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const pages: ReadElement[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const texts = new Map<string, string>();
    const open: string[] = [];
    for (const item of (await page.getTextContent({ includeMarkedContent: true })).items) {
      if ('str' in item) {
        const id = open.find((o) => o !== '');
        if (id) texts.set(id, (texts.get(id) ?? '') + item.str);
      } else if (item.type === 'beginMarkedContentProps' || item.type === 'beginMarkedContent') open.unshift(item.id ?? '');
      else if (item.type === 'endMarkedContent') open.shift();
    }
    const convert = (node: PdfjsNode): ReadElement => ({
      role: node.role ?? node.type ?? '',
      text: (node.children ?? []).map((c) => (c.type === 'content' ? (texts.get(c.id ?? '') ?? '') : '')).join(''),
      children: (node.children ?? []).filter((c) => c.role).map(convert),
    });
    pages.push(convert((await page.getStructTree()) as PdfjsNode));
  }
  return pages;
}

/** Every element under `root`, depth first, with the roles of its ancestors. */
export function elements(root: ReadElement, path: string[] = []): { path: string[]; element: ReadElement }[] {
  return root.children.flatMap((child) => [{ path, element: child }, ...elements(child, [...path, child.role])]);
}
