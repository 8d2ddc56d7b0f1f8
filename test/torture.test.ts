import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadIssue, type Loaded } from '../src/build.js';
import { classify, forbidsLineStart, isHalfBlankPunctuation } from '../src/layout/charclass.js';
import { collectArticles } from '../src/layout/collect.js';
import { makeContext, type LayoutContext } from '../src/layout/context.js';
import { setBlock, type SetBlock } from '../src/layout/setblock.js';
import { nodeWorld } from '../src/world.js';
import { articleText, run, scratchIssue, strip } from './fixtures.js';
import { missingInOrder, readBack } from './readback.js';
import { tortureIssue } from './torture.js';

interface Glyph {
  ch: string;
  x: number;
  advance: number;
  size: number;
}

let root: string;
let loaded: Loaded;
let ctx: LayoutContext;
let blocks: SetBlock[];

beforeAll(() => {
  root = scratchIssue(tortureIssue());
  loaded = loadIssue('1', nodeWorld(root));
  ctx = makeContext(loaded.template, loaded.faces, loaded.issue);
  blocks = collectArticles(loaded.articles, ctx).map((block) => setBlock(block, ctx));
});

/** A set line's glyphs with where each starts and how far it advances, a run drawn shaped (kerned) as a whole. */
function glyphs(line: SetBlock['lines'][number]): Glyph[] {
  return line.items.flatMap((run) => {
    const face = loaded.faces.get(run.face)!;
    const chars = [...run.text];
    const upTo = (n: number) => face.advance(chars.slice(0, n).join('')) * run.size + n * run.charSpacing;
    return chars.map((ch, i) => ({ ch, x: run.x + upTo(i), advance: upTo(i + 1) - upTo(i) - run.charSpacing, size: run.size }));
  });
}

const lines = () => blocks.flatMap((set) => set.lines.map((line, i) => ({ set, line, last: i === set.lines.length - 1, glyphs: glyphs(line) })));

test('no line of the torture issue starts with a mark that may not start one, or ends with one that may not end one (clreq 3.1.7)', () => {
  const bad = lines().flatMap(({ glyphs: g, set }) => {
    const first = g[0];
    const marker = first && first.size < ctx.template.styles[set.block.style].size;
    const starts = first && (marker || forbidsLineStart(classify(first.ch)));
    const ends = g.length > 0 && classify(g[g.length - 1].ch) === 'open';
    return starts || ends ? [g.map((x) => x.ch).join('')] : [];
  });
  expect(bad).toEqual([]);
});

test('every line of a justified paragraph but its last is flush with both margins', () => {
  const right = ctx.left + ctx.measure;
  const ragged = lines().flatMap(({ set, last, glyphs: g }) => {
    if (last || ctx.template.styles[set.block.style].align !== 'justify' || g.length === 0) return [];
    const end = g[g.length - 1];
    const over = end.x + end.advance - right;
    // A line-final mark's blank half may be given up to push a mark in: its ink still ends inside.
    // Character spacing is kept to 1/1000 pt: over a letter-spaced run of 60 glyphs that adds up to 0.03 pt.
    const ok = Math.abs(over) < 0.05 || (isHalfBlankPunctuation(classify(end.ch)) && over > 0 && over <= end.size / 2 + 0.05);
    return ok ? [] : [`${over.toFixed(2)} ${g.map((x) => x.ch).join('')}`];
  });
  expect(ragged).toEqual([]);
});

test('no gap between two characters of a line is wider than 1 em', () => {
  const loose = lines().flatMap(({ glyphs: g }) =>
    g.slice(1).flatMap((b, i) => {
      const a = g[i];
      const gap = b.x - (a.x + a.advance);
      return gap > Math.max(a.size, b.size) + 0.01 ? [`${gap.toFixed(2)} after “${a.ch}” in ${g.map((x) => x.ch).join('')}`] : [];
    }),
  );
  expect(loose).toEqual([]);
});

test('long tokens were broken: URLs at their own points without a hyphen, words with one', () => {
  const texts = lines().map(({ glyphs: g }) => g.map((x) => x.ch).join(''));
  expect(texts.some((t) => /-$/.test(t) && /[a-z]-$/.test(t))).toBe(true);
  expect(texts.some((t) => /https:\/\/\S*[/.?&=-]$/.test(t))).toBe(true);
  // the 60-digit run is longer than the measure: cut, every line of it full
  expect(texts.filter((t) => /^\d{20,}/.test(t)).length).toBeGreaterThan(0);
});

test('every character of the torture article reaches the PDF, in order', async () => {
  const out = join(root, 'out', 'torture.pdf');
  const result = await run(['build', '1', '-o', out], root);
  expect(result).toMatchObject({ code: 0, err: [] });
  const extracted = strip((await readBack(readFileSync(out))).flat().map((r) => r.str).join(''));
  for (const article of loaded.articles) expect(missingInOrder(articleText(article), extracted)).toBeUndefined();
});

test('regression: an article of 300 URLs, a 20,000-digit run and a 5,000-letter word lays out (it took ten minutes)', () => {
  const urls = Array.from({ length: 300 }, (_, i) => `见https://example.com/${Array.from({ length: 8 }, (_, k) => `seg${(i * 7919 + k * 104729) % 99991}`).join('/')}。`).join('');
  const article = ['---', 'title: 测', 'byline: 测', 'source: 测', '---', '', urls, '', '1'.repeat(20000), '', 'a'.repeat(5000), ''].join('\n');
  const big = loadIssue('1', nodeWorld(scratchIssue({ 'issues/1/a.md': article })));
  const bigCtx = makeContext(big.template, big.faces, big.issue);
  const set = collectArticles(big.articles, bigCtx).map((block) => setBlock(block, bigCtx));
  const digitLines = set.flatMap((b) => b.lines).filter((line) => /^1+$/.test(line.items.map((i) => i.text).join('')));
  expect(digitLines.length).toBeGreaterThan(100);
});
