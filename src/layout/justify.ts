import { measureLine, type LineSpan } from './linebreak.js';

import type { Align } from '../manifest/types.js';

export type { Align };

export interface Justifiable {
  width: number;
  glueBefore: number;
  stretchBefore: boolean;
  /** Room the item can give up from its blank half: an opening mark's is on its left, the others' on their right. */
  squeezable: number;
  cls: string;
}

/** Where each item of a line starts, from the line's start; trailing spaces are dropped. */
export interface PlacedLine {
  start: number;
  /** One offset per item of [start, start + xs.length). */
  xs: number[];
}

/**
 * Place a line's items. Chinese has no word spaces to stretch, so a justified line is made
 * flush with both margins by spreading the slack evenly over the gaps between characters
 * (clreq 3.8); gaps inside a Latin word, before a closing mark, after a note marker or inside
 * —— and …… stay as they are. A line too long for the measure (a mark pushed in, Latin
 * counted narrower than it is) gives up the blank halves of its marks first, in equal shares
 * (JLREQ 3.8.3), and only then squeezes its gaps. A paragraph's last line is not stretched.
 */
export function placeLine(
  items: readonly Justifiable[],
  line: LineSpan,
  available: number,
  align: Align,
  isLastLine: boolean,
): PlacedLine {
  let end = line.end;
  while (end > line.start && items[end - 1].cls === 'space') end--;
  const { natural, gaps, letterSpaced } = measureLine(items, line.start, end);
  // The line's last mark keeps its full width: it may be the one pushed in (FORMAT.md §1).
  let squeezable = 0;
  for (let i = line.start; i < end - 1; i++) squeezable += items[i].squeezable;
  const slack = available - natural;
  const squeezeShare = slack < 0 && squeezable > 0 ? Math.min(1, -slack / squeezable) : 0;
  const rest = slack + squeezeShare * squeezable;
  const stretching = gaps > 0 && ((align === 'justify' && !isLastLine) || rest < 0);
  const perGap = stretching ? rest / gaps : 0;
  let x = stretching || squeezeShare > 0 || align === 'left' || align === 'justify' ? 0 : align === 'center' ? slack / 2 : slack;
  const xs = taggedNumbers(end - line.start);
  // Sums with a zero are skipped: each is a new heap number to unoptimised code, for every item.
  for (let i = line.start; i < end; i++) {
    const item = items[i];
    const given = i < end - 1 && squeezeShare !== 0 && item.squeezable !== 0 ? item.squeezable * squeezeShare : 0;
    if (i > line.start) {
      const widened = item.stretchBefore || letterSpaced ? perGap : 0;
      if (widened === 0) {
        if (item.glueBefore !== 0) x += item.glueBefore;
      } else x += item.glueBefore === 0 ? widened : item.glueBefore + widened;
    }
    xs[i - line.start] = item.cls === 'open' && given !== 0 ? x - given : x;
    x += given === 0 ? item.width : item.width - given;
  }
  return { start: line.start, xs };
}

/**
 * An array of `length` numbers to be filled, made at its size rather than grown, whose elements V8
 * keeps tagged. An array given fractions first holds them unboxed, and unoptimised code
 * (bin/bulletin.js runs --no-opt) allocates a heap number for every read of one (toTextRuns reads
 * each offset); tagged, a read hands back the number stored. An array once given a non-number
 * stays tagged.
 */
function taggedNumbers(length: number): number[] {
  const array: unknown[] = new Array(length);
  if (length > 0) array[0] = undefined;
  return array as number[];
}
