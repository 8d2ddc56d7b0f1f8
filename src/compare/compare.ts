import type { Diagnostic } from '../diagnostics.js';
import { runsOn, textBlock, type PrintedPage } from '../pdftext/lines.js';
import { diffSequences, type DiffOp } from './diff.js';
import { sentencesOf, type Place, type Sentence } from './sentences.js';

/** A PDF's text as compared: its pages without furniture, and the name it goes by in messages. */
export interface Printed {
  file: string;
  pages: PrintedPage[];
}

export interface Comparison {
  /** Same text and same page breaks. */
  same: boolean;
  /** `same text; 2 of 43 pages break differently` */
  summary: string;
  differences: Diagnostic[];
}

/** How much of a sentence or a page's edge a message quotes. */
const QUOTE = 24;

/**
 * Text that differs, sentence by sentence, and page breaks that fall at different places in the
 * text, with page and line in each file and whether each cuts a paragraph. A page break is the same when the page after it begins
 * with the same character of the (common) text in both files.
 */
export function comparePrinted(original: Printed, rebuilt: Printed): Comparison {
  const [a, b] = [textOf(original), textOf(rebuilt)];
  const ops = diffSequences(
    a.sentences.map((s) => s.text),
    b.sentences.map((s) => s.text),
  );
  const textDifferences = hunks(ops).map((hunk) => describeHunk(hunk, a, b));
  const breakDifferences = breaksByPage(a, b, offsetMap(ops, a, b));
  const pagesDiffering = breakDifferences.length;
  const pages = Math.max(original.pages.length, rebuilt.pages.length);
  const text = textDifferences.length === 0 ? 'same text' : `text differs in ${textDifferences.length} place${textDifferences.length === 1 ? '' : 's'}`;
  const counts = original.pages.length === rebuilt.pages.length ? '' : ` (${original.file} has ${original.pages.length} pages, ${rebuilt.file} ${rebuilt.pages.length})`;
  return {
    same: textDifferences.length === 0 && breakDifferences.length === 0,
    summary: `${text}; ${pagesDiffering} of ${pages} pages break differently${counts}`,
    differences: [...textDifferences, ...breakDifferences],
  };
}

interface Text {
  file: string;
  sentences: Sentence[];
  /** Every character and its place, by offset. */
  chars: string[];
  places: Place[];
  /** The offset each page after the first begins at, by page number. */
  pageStarts: Map<number, number>;
  pages: number;
  /** The pages whose end cuts a paragraph, by the page geometry. */
  cutPages: Set<number>;
}

function textOf(printed: Printed): Text {
  const sentences = sentencesOf(printed.pages);
  const places = sentences.flatMap((s) => s.places);
  const pageStarts = new Map<number, number>();
  places.forEach((place, offset) => {
    if (offset > 0 && place.page !== places[offset - 1].page) pageStarts.set(place.page, offset);
  });
  const block = textBlock(printed.pages);
  const cutPages = new Set(
    printed.pages.flatMap((page, i) => {
      const [last, next] = [page.lines.at(-1), printed.pages[i + 1]?.lines[0]];
      return last && next && runsOn(last, next, block) ? [page.page] : [];
    }),
  );
  return { file: printed.file, sentences, chars: sentences.flatMap((s) => [...s.text]), places, pageStarts, pages: printed.pages.length, cutPages };
}

interface Hunk {
  removed: number[];
  added: number[];
  /** The sentences after the hunk on either side (equal ones), or one past the end. */
  nextA: number;
  nextB: number;
}

function hunks(ops: readonly DiffOp[]): Hunk[] {
  const found: Hunk[] = [];
  let open: Hunk | undefined;
  let [nextA, nextB] = [0, 0];
  for (const op of ops) {
    if (op.kind === 'equal') {
      if (open) found.push({ ...open, nextA: op.a, nextB: op.b });
      open = undefined;
      [nextA, nextB] = [op.a + 1, op.b + 1];
      continue;
    }
    open ??= { removed: [], added: [], nextA, nextB };
    if (op.kind === 'removed') open.removed.push(op.a);
    else open.added.push(op.b);
  }
  if (open) found.push({ ...open, nextA: Infinity, nextB: Infinity });
  return found;
}

function describeHunk(hunk: Hunk, a: Text, b: Text): Diagnostic {
  const joined = (text: Text, indices: number[]) => indices.map((i) => text.sentences[i].text).join('');
  // Where the hunk stands in a file: its first sentence, or, when that side has none, the sentence after it.
  const at = (text: Text, indices: number[], next: number): Place => {
    const sentence = text.sentences[indices[0] ?? next];
    return sentence?.places[0] ?? text.places.at(-1) ?? { page: 1, line: 1 };
  };
  const [placeA, placeB] = [at(a, hunk.removed, hunk.nextA), at(b, hunk.added, hunk.nextB)];
  const there = `${b.file} page ${placeB.page} line ${placeB.line}`;
  const [removed, added] = [joined(a, hunk.removed), joined(b, hunk.added)];
  const message =
    removed && added ? `changed: ${changedSpan(removed, added)} (${there})` : removed ? `removed: “${quote(removed)}” (not in ${b.file}; would be before ${there})` : `added: “${quote(added)}” (${there})`;
  return { severity: 'error', message, pos: { file: a.file, page: placeA.page, line: placeA.line } };
}

/** Offsets of `from`'s text to `to`'s, for characters inside sentences the diff found equal. */
function offsetMap(ops: readonly DiffOp[], from: Text, to: Text): (offset: number) => number | undefined {
  const byFrom = new Map(ops.flatMap((op) => (op.kind === 'equal' ? [[op.a, op.b] as const] : [])));
  const sentenceAt = sentenceIndex(from);
  return (offset) => {
    const i = sentenceAt(offset);
    const j = i === undefined ? undefined : byFrom.get(i);
    return j === undefined ? undefined : to.sentences[j].start + (offset - from.sentences[i!].start);
  };
}

function sentenceIndex(text: Text): (offset: number) => number | undefined {
  return (offset) => {
    let [lo, hi] = [0, text.sentences.length - 1];
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = text.sentences[mid];
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.start + s.places.length) lo = mid + 1;
      else return mid;
    }
    return undefined;
  };
}

/**
 * Pages that end at a different place in the text: page p of the original against page p of the
 * rebuild, where the text after the break is mapped into the rebuild's through equal sentences.
 */
function breaksByPage(a: Text, b: Text, aToB: (offset: number) => number | undefined): Diagnostic[] {
  const pages = Math.max(a.pages, b.pages);
  const differing: Diagnostic[] = [];
  for (let page = 1; page < pages; page++) {
    const [endA, endB] = [a.pageStarts.get(page + 1) ?? a.chars.length, b.pageStarts.get(page + 1) ?? b.chars.length];
    const mapped = endA === a.chars.length ? b.chars.length : aToB(endA);
    if (mapped === endB) continue;
    const last = a.places[endA - 1] ?? { page, line: 1 };
    const lastB = b.places[endB - 1] ?? { page, line: 1 };
    const shift = mapped === undefined ? 'the text differs there' : `${Math.abs(endB - mapped)} characters ${endB > mapped ? 'later' : 'earlier'}`;
    differing.push({
      severity: 'error',
      message: `page ${page} ends at ${edge(a, endA)} (${cut(a, page)}); in ${b.file} at ${edge(b, endB)} (page ${lastB.page} line ${lastB.line}, ${cut(b, page)}): ${shift}`,
      pos: { file: a.file, page: last.page, line: last.line },
    });
  }
  return differing;
}

function cut(text: Text, page: number): string {
  return text.cutPages.has(page) ? 'inside a paragraph' : 'between paragraphs';
}

/** The text either side of a page break, the break shown as ｜. */
function edge(text: Text, offset: number): string {
  const side = QUOTE / 2;
  return `“…${text.chars.slice(Math.max(0, offset - side), offset).join('')}｜${text.chars.slice(offset, offset + side).join('')}…”`;
}

/** The part of a sentence that changed, with a few characters on either side: `“…这些革命性变化，我们…” → “…这些深刻变化，我们…”`. */
export function changedSpan(removed: string, added: string): string {
  const [a, b] = [[...removed], [...added]];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const context = 4;
  const span = (chars: string[]) => {
    const [from, to] = [Math.max(0, head - context), Math.min(chars.length, chars.length - tail + context)];
    return `“${from > 0 ? '…' : ''}${quote(chars.slice(from, to).join(''))}${to < chars.length ? '…' : ''}”`;
  };
  return `${span(a)} → ${span(b)}`;
}

function quote(text: string): string {
  const chars = [...text];
  return chars.length <= QUOTE ? text : `${chars.slice(0, QUOTE / 2).join('')}…${chars.slice(-QUOTE / 2).join('')}`;
}
