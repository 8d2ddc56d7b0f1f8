/** A piece of text as a PDF places it: its origin (PDF points, y up), advance width and font size. */
export interface PrintedRun {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  /** The font's own name (`ABCDEF+NotoSansSC-Medium`), when asked for. */
  font?: string;
}

/** One printed line, its runs in reading order. `line` counts from 1 at the top of the page. */
export interface PrintedLine {
  line: number;
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
  runs: PrintedRun[];
}

export interface PrintedPage {
  page: number;
  width: number;
  height: number;
  lines: PrintedLine[];
}

/**
 * Runs grouped into lines in visual order: top to bottom, then left to right. A run belongs to
 * a line when its baseline is within half the larger font size of the line's: a raised note
 * marker (set about a third of an em higher) stays on its line, the next line (a full line
 * pitch below) does not.
 */
export function groupLines(runs: readonly PrintedRun[]): PrintedLine[] {
  const grouped: { y: number; size: number; runs: PrintedRun[] }[] = [];
  for (const run of [...runs].filter((r) => r.str !== '').sort((a, b) => b.y - a.y || a.x - b.x)) {
    const last = grouped.at(-1);
    if (last && Math.abs(last.y - run.y) <= Math.max(last.size, run.size) / 2) {
      last.runs.push(run);
      // The line's baseline and size are its body text's: the largest run's.
      if (run.size > last.size) [last.y, last.size] = [run.y, run.size];
    } else {
      grouped.push({ y: run.y, size: run.size, runs: [run] });
    }
  }
  return grouped
    .map((g) => ({ ...g, runs: g.runs.sort((a, b) => a.x - b.x) }))
    .filter((g) => g.runs.some((r) => r.str.trim() !== ''))
    .map((g, i) => {
      const inked = g.runs.filter((r) => r.str.trim() !== '');
      return {
        line: i + 1,
        text: g.runs.map((r) => r.str).join(''),
        x: inked[0].x,
        right: Math.max(...inked.map((r) => r.x + r.width)),
        y: g.y,
        size: g.size,
        runs: g.runs,
      };
    });
}

/** The body text's size and the left and right edges of its lines, as most lines of `pages` have them (to the point). */
export function textBlock(pages: readonly PrintedPage[]): { size: number; left: number; right: number } {
  const lines = pages.flatMap((page) => page.lines);
  const size = mostFrequent(lines.map((line) => line.size));
  const body = lines.filter((line) => Math.round(line.size) === size);
  return { size, left: mostFrequent(body.map((line) => line.x)), right: mostFrequent(body.map((line) => line.right)) };
}

/**
 * Whether `next` continues the paragraph `last` is in, by their geometry alone: `last` reaches
 * the right edge of the text block and `next` is not indented. Across a page break: whether the
 * break cuts a paragraph.
 */
export function runsOn(last: PrintedLine, next: PrintedLine, block: { left: number; right: number }): boolean {
  return last.right >= block.right - last.size / 2 && next.x < block.left + next.size / 2;
}

function mostFrequent(values: readonly number[]): number {
  const counts = new Map<number, number>();
  for (const v of values.map(Math.round)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}
