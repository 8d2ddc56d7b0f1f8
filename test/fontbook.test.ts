import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { openFace } from '../src/fonts/fontbook.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';

const world = nodeWorld(PACKAGE_ROOT);
const FANDOL = join(PACKAGE_ROOT, 'fonts', 'FandolFang-Regular.otf');

// FandolFang has one glyph for U+00B7 and U+30FB (middle dots), one for U+0020 and U+00A0 (spaces).
test('a glyph two characters share keeps the code points of the first measured, as fontkit’s glyph objects keep theirs, also where fontkit shapes', () => {
  const face = openFace('fangsong', FANDOL, world.openRanged(FANDOL), 0, 0.88);
  const reference = fontkit.create(readFileSync(FANDOL));
  expect(face.glyphs('\u30fb').ids).toEqual(face.glyphs('\u00b7').ids);
  expect([face.glyphs('\u30fb').codePoints, face.glyphs('\u00b7').codePoints]).toEqual([[[0x30fb]], [[0x30fb]]]);
  face.glyphs(' ');
  reference.glyphForCodePoint(0x20);
  // A word with a no-break space is fontkit's to shape (see shaping.ts).
  expect(face.glyphs('a\u00a0b').codePoints).toEqual(reference.layout('a\u00a0b').glyphs.map((g) => g.codePoints));
  expect(face.glyphs('a\u00a0b').codePoints[1]).toEqual([0x20]);
});

test('a character drawn alone is one run however often asked, and lone glyphs of one advance share its array', () => {
  const face = openFace('fangsong', FANDOL, world.openRanged(FANDOL), 0, 0.88);
  const reference = fontkit.create(readFileSync(FANDOL));
  expect(face.has(0x4e2d)).toBe(true);
  const zhong = face.glyphs('中');
  expect(face.glyphs('中')).toBe(zhong);
  expect(zhong.ids).toEqual([reference.glyphForCodePoint(0x4e2d).id]);
  expect(zhong.xAdvances).toEqual([reference.glyphForCodePoint(0x4e2d).advanceWidth]);
  expect(face.glyphs('文').xAdvances).toBe(zhong.xAdvances);
  expect(zhong.widths).toBe(zhong.xAdvances);
  // After drawing, the face still answers for the character as the cmap does.
  expect([face.has(0x4e2d), face.has(0xe000)]).toEqual([true, reference.hasGlyphForCodePoint(0xe000)]);
});
