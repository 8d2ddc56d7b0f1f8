import type { BlockTag, Item, LinkItem, RuleItem, TextItem } from '../layout/types.js';
import { sourceStretch } from './actualtext.js';
import { utf16Hex } from './glyphs.js';

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

/**
 * A block's runs cut into its lines: a run more than half its size off the line's first baseline
 * starts a new line; a raised note marker stays on its line.
 */
export function lines(items: readonly TextItem[]): TextItem[][] {
  const out: TextItem[][] = [];
  for (const item of items) {
    const line = out[out.length - 1];
    if (line && Math.abs(item.y - line[0].y) <= Math.max(item.size, line[0].size) / 2) line.push(item);
    else out.push([item]);
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
  const onBaseline = line.flatMap((item, k) => (isRaised(item, line) ? [] : [k]));
  return onBaseline.length === 0 ? [0, line.length - 1] : [onBaseline[0], onBaseline[onBaseline.length - 1]];
}

/** How many runs at the start of `runs` draw exactly `text`; 0 when they do not. */
export function leading(runs: readonly TextItem[], text: string): number {
  let drawn = '';
  for (const [k, run] of runs.entries()) {
    drawn += run.text;
    if (drawn === text) return k + 1;
    if (!text.startsWith(drawn)) return 0;
  }
  return 0;
}

/**
 * Whether a run sits above its line's baseline, the baseline of the line's largest run, by more
 * than a fifth of its size: a note marker does; a Latin run, lowered a little to centre its face, does not.
 */
function isRaised(item: TextItem, line: readonly TextItem[]): boolean {
  const largest = line.reduce((a, b) => (b.size > a.size ? b : a));
  return largest.y - item.y > item.size / 5;
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
    for (const line of lines(runs)) {
      const { start, end } = sourceStretch(tag.text, line.map((item) => item.text).join(''), block.consumed, lineEnd);
      block.consumed = end;
      const [first, last] = spanned(line);
      line.forEach((item, k) => {
        const outside = k < first || k > last;
        if (outside) painter.draw(item, true, EMPTY_SPAN);
        else if (k === first) painter.draw(item, k === last, `/Span <</ActualText ${utf16Hex(tag.text.slice(start, end))}>> BDC\n`);
        else painter.draw(item, k === last);
      });
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
      for (const { tag, items: run } of sequences(items)) {
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
        for (const item of run) {
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
