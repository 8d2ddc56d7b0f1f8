import type { LineSpan } from './linebreak.js';

import type { Align } from '../manifest/types.js';

export type { Align };

export interface Justifiable {
  width: number;
  glueBefore: number;
  stretchBefore: boolean;
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
 * (clreq 3.8); gaps inside a Latin word, before a note marker or inside ―― and …… stay as
 * they are. A paragraph's last line is not stretched.
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
  let natural = 0;
  let gaps = 0;
  for (let i = line.start; i < end; i++) {
    natural += items[i].width + (i > line.start ? items[i].glueBefore : 0);
    if (i > line.start && items[i].stretchBefore) gaps++;
  }
  const slack = available - natural;
  // A line filled by break widths narrower than the glyphs (latin_break_width) may come out
  // too long: it is then squeezed to the measure, even as a paragraph's last line.
  const stretching = gaps > 0 && ((align === 'justify' && !isLastLine) || slack < 0);
  const perGap = stretching ? slack / gaps : 0;
  let x = stretching || align === 'left' || align === 'justify' ? 0 : align === 'center' ? slack / 2 : slack;
  const xs: number[] = [];
  for (let i = line.start; i < end; i++) {
    if (i > line.start) x += items[i].glueBefore + (items[i].stretchBefore ? perGap : 0);
    xs.push(x);
    x += items[i].width;
  }
  return { start: line.start, xs };
}
