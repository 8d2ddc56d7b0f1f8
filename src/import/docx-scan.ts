/** What a .docx holds that an article cannot carry, found in word/document.xml with its paragraph. */
export interface DocxFinding {
  /** 1-based, counting every paragraph of the document in order, empty ones included, as Word's own paragraphs. */
  paragraph: number;
  what: string;
  /** What became of it in the article. */
  fate: string;
}

export interface DocxScan {
  /** The text of each paragraph, paragraph n at index n - 1. */
  paragraphs: string[];
  /** Numbers of the paragraphs set centred (w:jc center), as a title often is when no style says so. */
  centred: number[];
  findings: DocxFinding[];
}

/**
 * Elements mammoth drops, reads as plain text or turns into something an article refuses, and
 * whose warnings carry no positions; read from the XML so each can be named with its paragraph.
 * Elements nested in one already found (a table's images, a text box's paragraphs) are not
 * named again.
 */
const FINDINGS: Record<string, { what: string; fate: string }> = {
  'w:tbl': { what: 'a table', fate: 'left out' },
  'w:drawing': { what: 'an image', fate: 'left out' },
  'w:pict': { what: 'an image', fate: 'left out' },
  'w:object': { what: 'an embedded object', fate: 'left out' },
  'w:commentRangeStart': { what: 'a comment', fate: 'left out' },
  'w:commentReference': { what: 'a comment', fate: 'left out' },
  'w:ins': { what: 'a tracked insertion', fate: 'kept as plain text; accept or reject it in Word to be sure' },
  'w:moveTo': { what: 'a tracked move', fate: 'kept as plain text at its new place' },
  'w:del': { what: 'a tracked deletion', fate: 'left out' },
  'w:moveFrom': { what: 'a tracked move', fate: 'left out at its old place' },
};

/** mammoth reads a text box's paragraphs into the text where the box is anchored. */
const TEXT_BOX = { what: 'a text box', fate: 'read into the text where it is anchored; check that its text belongs there' };

const TAG = /<(\/?)([\w:]+)([^>]*?)(\/?)>|([^<]+)/g;

export function scanDocumentXml(xml: string): DocxScan {
  const paragraphs: string[] = [];
  const centred: number[] = [];
  const findings: DocxFinding[] = [];
  /** Open elements, each with the finding it or an element around it made. */
  const open: { name: string; finding?: DocxFinding }[] = [];
  let inText = false;
  const comments = new Set<string>();
  for (const [, closing, name, attributes, selfClosing, text] of xml.matchAll(TAG)) {
    if (text !== undefined) {
      if (inText && paragraphs.length > 0) paragraphs[paragraphs.length - 1] += decodeXml(text);
      continue;
    }
    if (closing) {
      const at = open.map((e) => e.name).lastIndexOf(name);
      if (at >= 0) open.length = at;
      if (name === 'w:t') inText = false;
      continue;
    }
    if (name === 'w:p') paragraphs.push('');
    if (name === 'w:t') inText = !selfClosing;
    if (name === 'w:jc' && /w:val="center"/.test(attributes) && open.at(-1)?.name === 'w:pPr') centred.push(paragraphs.length);
    const around = open.at(-1)?.finding;
    // What looked like an image is a text box once its content shows.
    if (name === 'w:txbxContent' && around?.what === 'an image') Object.assign(around, TEXT_BOX);
    // A comment has a range start and a reference with the same id: it is named once.
    const comment = /^w:comment(RangeStart|Reference)$/.test(name) ? (/w:id="([^"]*)"/.exec(attributes)?.[1] ?? '') : undefined;
    const repeated = comment !== undefined && comments.has(comment);
    if (comment !== undefined) comments.add(comment);
    let finding = around;
    if (FINDINGS[name] && !around && !repeated) {
      // A table's first paragraph comes after its tag: it is named by the paragraph it starts.
      finding = { paragraph: Math.max(1, paragraphs.length + (name === 'w:tbl' ? 1 : 0)), ...FINDINGS[name] };
      findings.push(finding);
    }
    if (!selfClosing) open.push({ name, finding });
  }
  return { paragraphs, centred, findings };
}

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[\da-f]+);/gi, (_, entity: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (named[entity]) return named[entity];
    return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
  });
}

/** The number of the first paragraph at or after `from` whose text, without spaces, is `text`'s; undefined if none. */
export function findParagraph(paragraphs: readonly string[], text: string, from = 1): number | undefined {
  const bare = (s: string) => s.replace(/\s+/g, '');
  const wanted = bare(text);
  if (!wanted) return undefined;
  for (let i = from - 1; i < paragraphs.length; i++) if (bare(paragraphs[i]) === wanted) return i + 1;
  for (let i = from - 1; i < paragraphs.length; i++) if (bare(paragraphs[i]).includes(wanted)) return i + 1;
  return undefined;
}
