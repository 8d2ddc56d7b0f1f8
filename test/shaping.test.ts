import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { classifyCodePoint, codeUnits } from '../src/layout/charclass.js';
import { wordShaper } from '../src/fonts/shaping.js';
import { directTables } from '../src/fonts/tables.js';
import { PACKAGE_ROOT } from '../src/world.js';
import { GOOD_ARTICLE } from './fixtures.js';
import { tortureIssue } from './torture.js';

/** Every Markdown and YAML file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(md|ya?ml)$/.test(name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/**
 * The pieces the layout shapes as words: runs of Latin characters (shape.ts), every two
 * characters side by side in them (a token cut into letters measures each letter with the one
 * before it), and the template's hyphen.
 */
function latinPieces(texts: readonly string[]): string[] {
  const pieces = new Set<string>(['-']);
  for (const text of texts) {
    for (let i = 0; i < text.length; ) {
      let j = i;
      while (j < text.length && classifyCodePoint(text.codePointAt(j)!) === 'latin') j += codeUnits(text.codePointAt(j)!);
      if (j === i) {
        i += codeUnits(text.codePointAt(i)!);
        continue;
      }
      const word = text.slice(i, j);
      pieces.add(word);
      const chars = [...word];
      for (let k = 1; k < chars.length; k++) pieces.add(chars[k - 1] + chars[k]);
      i = j;
    }
  }
  return [...pieces].filter((piece) => [...piece].length > 1);
}

const WORDS = latinPieces([
  ...sources(join(PACKAGE_ROOT, 'issues', '218')),
  ...Object.values(tortureIssue()),
  ...sources(join(PACKAGE_ROOT, 'test', 'fixtures')),
  GOOD_ARTICLE,
  // Termes's ligatures (fi fl ff ffi ffl) and kerning pairs, which the issues may not have.
  'office official fluffy affluent waffle AVATAR Wolf Toyota Yes LT P. V, F. L’Arc 1/2 7,1',
]);

describe.each(['texgyretermes-regular.otf', 'FandolFang-Regular.otf', 'LXGWWenKai-Regular.ttf', 'NotoSansSC-Medium.ttf', 'NotoSerifSC-Bold.ttf'])('wordShaper(%s)', (file) => {
  test('shapes every word of issue 218, the torture issue and the fixtures as fontkit does, or leaves it to fontkit', () => {
    const bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', file));
    // Two font objects, one a path, asked in the same order: a glyph fontkit has made keeps its code points.
    const byFontkit = fontkit.create(bytes);
    const ours = fontkit.create(bytes);
    const direct = directTables(bytes)!;
    const shaper = wordShaper(bytes, (cp) => ours.getGlyph(direct.glyphId(cp)!, [cp]).id, (id) => direct.advance(id));
    let shaped = 0;
    for (const word of WORDS) {
      if (![...word].every((ch) => byFontkit.hasGlyphForCodePoint(ch.codePointAt(0)!))) continue;
      const run = byFontkit.layout(word);
      const own = shaper?.shape(word);
      if (own === undefined) {
        ours.layout(word);
        continue;
      }
      shaped++;
      const offsets = new Map(run.positions.flatMap((p, i) => (p.xOffset || p.yOffset ? [[i, [p.xOffset, p.yOffset]] as const] : [])));
      expect([word, own.ids, own.ids.map((id, i) => ours.getGlyph(id, own.codePoints[i]).codePoints), own.xAdvances, own.offsets ?? new Map()]).toEqual([
        word,
        run.glyphs.map((g) => g.id),
        run.glyphs.map((g) => g.codePoints),
        run.positions.map((p) => p.xAdvance),
        offsets,
      ]);
    }
    // Termes, the Latin face, is shaped here for every word of printable ASCII; the CJK faces' lookups are left to fontkit.
    const ascii = WORDS.filter((word) => /^[\x21-\x7e]+$/.test(word));
    if (file === 'texgyretermes-regular.otf') expect(shaped).toBe(ascii.length);
  });
});

test('Termes’s ligatures and kerning are applied: fi is one glyph, AV is kerned', () => {
  const bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', 'texgyretermes-regular.otf'));
  const direct = directTables(bytes)!;
  const shaper = wordShaper(bytes, (cp) => direct.glyphId(cp)!, (id) => direct.advance(id))!;
  expect(shaper.shape('fi')!.ids).toHaveLength(1);
  const av = shaper.shape('AV')!;
  expect(av.xAdvances[0]).toBeLessThan(direct.advance(av.ids[0]));
});
