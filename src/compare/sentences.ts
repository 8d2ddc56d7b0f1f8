import type { PrintedPage } from '../pdftext/lines.js';

/** Where a character was printed. */
export interface Place {
  page: number;
  line: number;
}

/** A sentence of the printed text: whitespace removed, line-end hyphens of split words undone. */
export interface Sentence {
  text: string;
  /** Offset of its first character in the whole text (whitespace removed), in characters. */
  start: number;
  /** Where each of its characters was printed. */
  places: Place[];
}

/** A sentence ends after 。！？；!?; and the closing quotes and brackets after it (a Latin period is also a decimal point). */
const SENTENCE_END = /^[。！？；!?;]$/;
const CLOSING = /^[”’」』）)》]$/;

/**
 * The text of `pages` as a stream of sentences. Whitespace is left out: whether a line ends
 * with a space, and the spaces justification adds, differ between two settings of the same
 * text. A hyphen ending a line between two Latin letters is line-end hyphenation, not text.
 */
export function sentencesOf(pages: readonly PrintedPage[]): Sentence[] {
  const chars: { ch: string; place: Place }[] = [];
  const lines = pages.flatMap((page) => page.lines.map((line) => ({ page: page.page, line })));
  lines.forEach(({ page, line }, i) => {
    const next = lines[i + 1]?.line.text.trimStart() ?? '';
    const text = /[A-Za-z]-\s*$/.test(line.text) && /^[a-z]/.test(next) ? line.text.replace(/-\s*$/, '') : line.text;
    for (const ch of text) if (!/\s/.test(ch)) chars.push({ ch, place: { page, line: line.line } });
  });
  const sentences: Sentence[] = [];
  let start = 0;
  let offset = 0;
  const flush = (stop: number) => {
    const text = chars.slice(start, stop).map((c) => c.ch).join('');
    sentences.push({ text, start: offset, places: chars.slice(start, stop).map((c) => c.place) });
    offset += stop - start;
    start = stop;
  };
  for (let at = 0; at < chars.length; at++) {
    if (!SENTENCE_END.test(chars[at].ch)) continue;
    while (CLOSING.test(chars[at + 1]?.ch ?? '')) at++;
    flush(at + 1);
  }
  if (start < chars.length) flush(chars.length);
  return sentences;
}
