import type { Diagnostic } from '../../diagnostics.js';

/** A paragraph of a printed issue's text, with the line of the input it starts on (and, in a PDF, the page). */
export interface Paragraph {
  text: string;
  line: number;
  page?: number;
  /** In a PDF: the font its first line ends in (an intro is set in a face of its own). */
  face?: string;
}

/** The paragraphs of extracted text: blank-line separated, each on one line as the seed has them. */
export function paragraphsOf(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line !== '') paragraphs.push({ text: line, line: i + 1 });
  });
  return paragraphs;
}

/** Ends a sentence, a list item or a quotation: a paragraph ending so is complete. */
const COMPLETE = /[。！？；：…”’）》」』]$/;
/** Headings of the bulletin: `一、…` numbered, `◆ …` second level. */
const NUMBERED = /^[一二三四五六七八九十]+、/;

/** A paragraph that reads as a heading: short, no sentence in it, not ending a sentence. */
export function looksLikeHeading(text: string): boolean {
  if (COMPLETE.test(text) || [...text].length > 40 || /[。；]/.test(text)) return false;
  return text.startsWith('◆') || NUMBERED.test(text) || !/[，、]/.test(text);
}

/**
 * Paragraphs cut by the print's page breaks joined again. Text extracted from a print shows
 * every page break inside a paragraph as a paragraph end: the part before the break does not
 * end a sentence and is not a heading. A numbered heading cut in two leaves a short second part
 * that looks like a heading without a number: it is joined too. Joins that are not certain (the
 * first part does not end in ，or 、) are reported with their line.
 */
export function joinPageCuts(paragraphs: readonly Paragraph[], file: string, warnings: Diagnostic[]): Paragraph[] {
  const joined: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    const last = joined.at(-1);
    if (last && continues(last.text, paragraph.text)) {
      if (!/[，、]$/.test(last.text)) warnings.push({ severity: 'warning', message: `joined with the paragraph before it, taken as cut by a page break: “${paragraph.text.slice(0, 12)}…”`, pos: { file, page: paragraph.page, line: paragraph.line } });
      last.text += paragraph.text;
    } else {
      joined.push({ ...paragraph });
    }
  }
  return joined;
}

function continues(before: string, after: string): boolean {
  if (COMPLETE.test(before) || /^【(?!摘要)/.test(before) || /^[【◆★（]/.test(after) || /^[\u2460-\u2473]/.test(after)) return false;
  if (NUMBERED.test(before) && looksLikeHeading(before)) return looksLikeHeading(after) && !NUMBERED.test(after) && !after.startsWith('◆') && [...after].length <= 16;
  if (/^（来源：/.test(before)) return !before.endsWith('）');
  return !looksLikeHeading(before);
}
