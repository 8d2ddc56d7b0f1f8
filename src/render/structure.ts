import type { BlockTag, Item, LinkItem, RuleItem, TextItem } from '../layout/types.js';
import { sourceEnd } from './actualtext.js';

/** Consecutive items of a page that are marked together: one block's runs, or decoration of one kind. */
export interface Sequence {
  tag?: BlockTag;
  items: Item[];
}

/** A page's items cut where the block changes, and where decoration changes kind (a rule, a page number). */
export function sequences(items: readonly Item[]): Sequence[] {
  const out: Sequence[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    const tag = tagOf(item);
    if (last && last.tag === tag && (tag || last.items[0].kind === item.kind)) last.items.push(item);
    else out.push({ tag, items: [item] });
  }
  return out;
}

/** Rules are decoration always. */
function tagOf(item: Item): BlockTag | undefined {
  return item.kind === 'rule' ? undefined : item.block;
}

/** Draws what can be drawn (text and rules) and places links, as the renderer does without tags. */
export interface Painter {
  draw(item: TextItem | RuleItem): void;
  link(item: LinkItem, options?: object): void;
}

interface OpenElement {
  element: PDFKit.PDFStructureElement;
  /** The Link element of a contents entry, holding its link annotation and its text. */
  link?: PDFKit.PDFStructureElement;
  /** How far into the block's text the runs drawn so far go. */
  consumed: number;
}

/** pdfkit's name tree class (not exported), for the structure tree's IDTree. */
interface NameTree {
  add(key: string, value: unknown): void;
}

/**
 * The tagged-PDF structure (ISO 32000-1 §14.8) of a document drawn page by page: a Document
 * element with the masthead's paragraphs, a TOC, one Art per article and the distribution, each
 * block one element. A block's runs on a page are one marked-content sequence (a Span, the only
 * marked content pdfkit gives ActualText) whose ActualText is the block's own text for that stretch,
 * so that copying gives the source without the spaces a reader infers from squeezed punctuation,
 * letter-spaced lines and line ends, and without line-end hyphens. Decoration is an Artifact.
 */
export function openStructure(pdf: PDFKit.PDFDocument) {
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const parts = new Map<number | 'contents', PDFKit.PDFStructureElement>();
  const open = new Map<BlockTag, OpenElement>();
  const internals = pdf as unknown as { getStructTreeRoot(): { data: Record<string, unknown> }; _root: { data: { Names: { data: { Dests: object } } } } };
  let ids: NameTree | undefined;

  const partOf = (tag: BlockTag): PDFKit.PDFStructureElement => {
    if (tag.part === undefined) return root;
    let part = parts.get(tag.part);
    if (!part) {
      part = pdf.struct(tag.part === 'contents' ? 'TOC' : 'Art');
      root.add(part);
      parts.set(tag.part, part);
    }
    return part;
  };
  /** PDF/UA-1 (Matterhorn 19-003) wants every Note to carry an ID, unique in the IDTree; struct() has no option for it. */
  const identify = (element: PDFKit.PDFStructureElement, id: string) => {
    const dictionary = (element as unknown as { dictionary: { data: Record<string, unknown> } }).dictionary;
    dictionary.data.ID = new String(id);
    if (!ids) {
      const NameTreeClass = internals._root.data.Names.data.Dests.constructor as new () => NameTree;
      ids = new NameTreeClass();
      internals.getStructTreeRoot().data.IDTree = ids;
    }
    ids.add(id, dictionary);
  };
  let notes = 0;
  const opened = (tag: BlockTag): OpenElement => {
    let found = open.get(tag);
    if (!found) {
      const element = pdf.struct(tag.role);
      if (tag.role === 'Note') identify(element, `note-${++notes}`);
      partOf(tag).add(element);
      found = { element, consumed: 0 };
      open.set(tag, found);
    }
    return found;
  };

  return {
    /** Draw a page's items; a block that does not go on to the next page is closed, so its element is written. */
    page(items: readonly Item[], next: readonly Item[], painter: Painter): void {
      for (const { tag, items: run } of sequences(items)) {
        const drawn = run.filter((item): item is TextItem | RuleItem => item.kind !== 'link');
        if (!tag) {
          run.forEach((item) => item.kind === 'link' && painter.link(item));
          if (drawn.length === 0) continue;
          pdf.markContent('Artifact', { type: drawn[0].kind === 'rule' ? 'Layout' : 'Pagination' });
          drawn.forEach(painter.draw);
          pdf.endMarkedContent();
          continue;
        }
        const block = opened(tag);
        for (const item of run) {
          if (item.kind !== 'link') continue;
          if (!block.link) {
            block.link = pdf.struct('Link');
            block.element.add(block.link);
          }
          painter.link(item, { structParent: block.link, Contents: new String(tag.text) });
        }
        if (drawn.length === 0) continue;
        const text = drawn.map((item) => (item.kind === 'text' ? item.text : '')).join('');
        const end = sourceEnd(tag.text, text, block.consumed);
        const content = pdf.markStructureContent('Span', { actual: tag.text.slice(block.consumed, end) });
        block.consumed = end;
        drawn.forEach(painter.draw);
        pdf.endMarkedContent();
        (block.link ?? block.element).add(content);
      }
      const later = new Set(next.map(tagOf));
      for (const [tag, block] of open) {
        if (later.has(tag)) continue;
        block.link?.end();
        block.element.end();
        open.delete(tag);
      }
    },
  };
}
