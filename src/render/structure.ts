import type { BlockTag, Item, LinkItem, RuleItem, TextItem } from '../layout/types.js';
import { sourceStretch } from './actualtext.js';
import { utf16BEHex, utf16Hex, utf16HexOfStretch } from './glyphs.js';

/** Consecutive items of a page that are marked together: one block's runs, or decoration of one kind. */
export interface Sequence {
  tag?: BlockTag;
  items: Item[];
}

/** A page's items cut where the block changes, and where decoration changes kind (a rule, a page number). */
export function sequences(items: readonly Item[]): Sequence[] {
  const out: Sequence[] = [];
  let last: Sequence | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const tag = tagOf(item);
    if (last && last.tag === tag && (tag || last.items[0].kind === item.kind)) last.items.push(item);
    else out.push((last = { tag, items: [item] }));
  }
  return out;
}

/** Rules are decoration always. */
function tagOf(item: Item): BlockTag | undefined {
  return item.kind === 'rule' ? undefined : item.block;
}

/**
 * A block's runs cut into its lines: a run more than half its size off the line's first baseline
 * starts a new line; a raised note marker stays on its line.
 */
export function lines(items: readonly TextItem[]): TextItem[][] {
  const out: TextItem[][] = [];
  let line: TextItem[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (line && Math.abs(item.y - line[0].y) <= Math.max(item.size, line[0].size) / 2) line.push(item);
    else out.push((line = [item]));
  }
  return out;
}

/**
 * The first and last run of a line its ActualText span covers: all but raised note markers that
 * open or close the line. Those get spans of their own with no text (theirs is in the line's):
 * in the line's span, a marker at its end would leave a reader the marker's font and position at
 * the span's end, and bare, a reader puts it on a line of its own.
 */
export function spanned(line: readonly TextItem[]): [number, number] {
  const baseline = largest(line).y;
  let first = 0;
  while (first < line.length && isRaised(line[first], baseline)) first++;
  if (first === line.length) return [0, line.length - 1];
  let last = line.length - 1;
  while (isRaised(line[last], baseline)) last--;
  return [first, last];
}

/** How many runs at the start of `runs` draw exactly `text`; 0 when they do not. */
export function leading(runs: readonly TextItem[], text: string): number {
  let drawn = '';
  for (let k = 0; k < runs.length; k++) {
    drawn += runs[k].text;
    if (drawn === text) return k + 1;
    if (!text.startsWith(drawn)) return 0;
  }
  return 0;
}

/** The line's largest run, whose baseline is the line's. */
function largest(line: readonly TextItem[]): TextItem {
  let found = line[0];
  for (let k = 1; k < line.length; k++) if (line[k].size > found.size) found = line[k];
  return found;
}

/**
 * Whether a run sits above its line's baseline by more than a fifth of its size: a note marker
 * does; a Latin run, lowered a little to centre its face, does not.
 */
function isRaised(item: TextItem, baseline: number): boolean {
  return baseline - item.y > item.size / 5;
}

/** The opening of an ActualText span with no text. */
const EMPTY_SPAN = `/Span <</ActualText ${utf16Hex('')}>> BDC\n`;

/** Draws what can be drawn (text and rules) and places links, as the renderer does without tags. */
export interface Painter {
  /**
   * `closeSpan`: end the open ActualText span with this run; `spanOpening`: the operator that
   * opens the run's span, written with it (one write, not two).
   */
  draw(item: TextItem | RuleItem, closeSpan?: boolean, spanOpening?: string): void;
  link(item: LinkItem, options?: object): void;
}

interface OpenElement {
  element: PDFKit.PDFStructureElement;
  /** The Link element of a contents entry, holding its link annotation and its text. */
  link?: PDFKit.PDFStructureElement;
  /** How far into the block's text the runs drawn so far go. */
  consumed: number;
  /**
   * The block's text in UTF-16BE hex (utf16BEHex), made once for its lines' ActualText: a line's
   * is a stretch of it, and a block's text is converted in one call instead of one a line.
   */
  hex?: string;
}

/** pdfkit's name tree class (not exported), for the structure tree's IDTree. */
interface NameTree {
  add(key: string, value: unknown): void;
}

/**
 * The tagged-PDF structure (ISO 32000-1 §14.8) of a document drawn page by page: a Document
 * element with the masthead's paragraphs, a TOC, one Art per article and the distribution, each
 * block one element, its runs on a page one marked-content sequence. Each line in it is a Span
 * whose ActualText is the block's own text for that line, so that copying gives the source without
 * the spaces a reader infers from gaps (squeezed punctuation, letter-spaced lines, the space around
 * Latin) and without line-end hyphens. A Span covers a whole line: one over several lines leaves a
 * text extractor one word with no line geometry, one per run leaves the gaps between runs.
 * Decoration is an Artifact.
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

  /**
   * Runs of a block as one marked-content sequence, each line a Span with the block's text for it;
   * `lineEnd`: the runs end their last line (a note's label does not).
   */
  const marked = (role: string, runs: readonly TextItem[], tag: BlockTag, block: OpenElement, painter: Painter, lineEnd = true): PDFKit.PDFStructureContent => {
    const content = pdf.markStructureContent(role);
    const cut = lines(runs);
    for (let l = 0; l < cut.length; l++) {
      const line = cut[l];
      let drawn = '';
      for (let k = 0; k < line.length; k++) drawn += line[k].text;
      const { start, end } = sourceStretch(tag.text, drawn, block.consumed, lineEnd);
      block.consumed = end;
      const span = spanned(line);
      const first = span[0];
      const last = span[1];
      for (let k = 0; k < line.length; k++) {
        if (k < first || k > last) painter.draw(line[k], true, EMPTY_SPAN);
        else if (k === first) painter.draw(line[k], k === last, `/Span <</ActualText ${utf16HexOfStretch((block.hex ??= utf16BEHex(tag.text)), start, end)}>> BDC\n`);
        else painter.draw(line[k], k === last);
      }
    }
    pdf.endMarkedContent();
    return content;
  };

  return {
    /**
     * The blocks open from earlier pages and how far into their text those pages drew: with a
     * page's items, all that the page's marked content and ActualText depend on.
     */
    openBlocks(): string {
      return JSON.stringify([...open].map(([tag, block]) => [tag, block.consumed]));
    },
    /** Draw a page's items; a block that does not go on to the next page is closed, so its element is written. */
    page(items: readonly Item[], next: readonly Item[], painter: Painter): void {
      const cut = sequences(items);
      for (let c = 0; c < cut.length; c++) {
        const { tag, items: run } = cut[c];
        if (!tag) {
          const drawn = run.filter((item): item is TextItem | RuleItem => item.kind !== 'link');
          run.forEach((item) => item.kind === 'link' && painter.link(item));
          if (drawn.length === 0) continue;
          pdf.markContent('Artifact', { type: drawn[0].kind === 'rule' ? 'Layout' : 'Pagination' });
          drawn.forEach((item) => painter.draw(item));
          pdf.endMarkedContent();
          continue;
        }
        const block = opened(tag);
        for (let i = 0; i < run.length; i++) {
          const item = run[i];
          if (item.kind !== 'link') continue;
          if (!block.link) {
            block.link = pdf.struct('Link');
            block.element.add(block.link);
          }
          painter.link(item, { structParent: block.link, Contents: new String(tag.text) });
        }
        let text = run.filter((item): item is TextItem => item.kind === 'text');
        const labelRuns = block.consumed === 0 && tag.label ? leading(text, tag.label) : 0;
        if (labelRuns > 0) {
          const label = pdf.struct('Lbl');
          block.element.add(label);
          label.add(marked('Lbl', text.slice(0, labelRuns), tag, block, painter, false));
          label.end();
          text = text.slice(labelRuns);
        }
        if (text.length === 0) continue;
        (block.link ?? block.element).add(marked(tag.role, text, tag, block, painter));
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
