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
