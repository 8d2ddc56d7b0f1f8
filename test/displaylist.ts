import type { LaidOutDocument } from '../src/layout/types.js';

/** A display list as text, one item a line, for golden files that diff well. */
export function displayList(doc: LaidOutDocument): string {
  const lines: string[] = [];
  for (const page of doc.pages) {
    lines.push(`page ${page.number}${page.bookmarks.map((b) => ` [${b.level}:${b.title}]`).join('')}`);
    for (const item of page.items) {
      if (item.kind === 'text') lines.push(`  text ${item.face} ${item.size} ${item.x} ${item.y} cs=${item.charSpacing} ${item.text}`);
      else if (item.kind === 'rule') lines.push(`  rule ${item.x1} ${item.y1} ${item.x2} ${item.y2} w=${item.width}`);
      else lines.push(`  link ${item.x} ${item.y} ${item.width}x${item.height} → page ${item.targetPage + 1}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
