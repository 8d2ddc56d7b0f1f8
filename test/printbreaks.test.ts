import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIssue, layoutLoaded } from '../src/build.js';
import { collectArticles } from '../src/layout/collect.js';
import { makeContext } from '../src/layout/context.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';
import { cutsInside, pageSeams, seedSeams } from './printbreaks.js';

const SEED = join(PACKAGE_ROOT, '..', 'shared', 'seed', '000_dff61195967c57f5.txt');

// The seed is the text of printed issue 218: a paragraph the print cut at a page end stands in it
// split in two. Aligned with issues/218's own paragraphs (a seed paragraph boundary that falls
// inside one of them), those are the print's page breaks inside paragraphs (FORMAT.md §1).
test('issue 218 breaks pages inside paragraphs exactly where the print did, and nowhere else', () => {
  const world = nodeWorld(PACKAGE_ROOT);
  const loaded = loadIssue('218', world);
  const blocks = collectArticles(loaded.articles, makeContext(loaded.template, loaded.faces, loaded.issue));
  const paragraphs = blocks.map((b) => b.spans.filter((s) => !s.marker).map((s) => s.text).join(''));
  const printed = cutsInside(seedSeams(readFileSync(SEED, 'utf8')), paragraphs);
  const built = cutsInside(pageSeams(layoutLoaded(loaded, {}, world), loaded.template), paragraphs);
  expect(printed).toHaveLength(22);
  const at = (cut: string) => `${cut} ${paragraphs[Number(cut.split(':')[0])].slice(0, 12)}…`;
  expect({ missed: printed.filter((k) => !built.includes(k)).map(at), extra: built.filter((k) => !printed.includes(k)).map(at) }).toEqual({ missed: [], extra: [] });
});
