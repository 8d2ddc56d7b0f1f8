import type { PrintedLine, PrintedPage } from './lines.js';

/** A page number as printed alone on its line: `— 3 —`, `3`, `- 3 -`, `第 3 页`. */
const PAGE_NUMBER = /^[\s—–\-]*(第\s*)?\d+(\s*页)?[\s—–\-]*$/;

/**
 * The pages without their furniture: page numbers, and running heads or feet, which are lines
 * that recur at the same height on at least half of the pages, three or more.
 * What is left is the text a reader compares; lines keep their printed numbers.
 */
export function withoutFurniture(pages: readonly PrintedPage[]): PrintedPage[] {
  const key = (line: PrintedLine) => `${Math.round(line.y)}|${line.text.replace(/\s+/g, '')}`;
  const recurring = new Map<string, number>();
  for (const page of pages) for (const k of new Set(page.lines.map(key))) recurring.set(k, (recurring.get(k) ?? 0) + 1);
  const isHead = (line: PrintedLine) => pages.length >= 3 && (recurring.get(key(line)) ?? 0) >= Math.max(3, pages.length / 2);
  return pages.map((page) => ({ ...page, lines: page.lines.filter((line) => !PAGE_NUMBER.test(line.text) && !isHead(line)) }));
}
