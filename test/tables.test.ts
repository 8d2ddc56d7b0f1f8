import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { directTables } from '../src/fonts/tables.js';
import { PACKAGE_ROOT } from '../src/world.js';

const read = (file: string) => readFileSync(join(PACKAGE_ROOT, 'fonts', file));

/** Every Latin, punctuation and CJK-symbol code point, one in seven of the rest of the BMP, one in 997 beyond it. */
function sampleCodePoints(): number[] {
  const points: number[] = [];
  for (let cp = 0; cp < 0x3100; cp++) points.push(cp);
  for (let cp = 0x3100; cp <= 0xffff; cp += 7) points.push(cp);
  for (let cp = 0x10000; cp <= 0x10ffff; cp += 997) points.push(cp);
  return points;
}

// Termes and FandolFang have a format 4 Unicode cmap; LXGW WenKai and the Noto faces a format 12 one.
describe.each(['texgyretermes-regular.otf', 'FandolFang-Regular.otf', 'LXGWWenKai-Regular.ttf', 'NotoSansSC-Medium.ttf', 'NotoSerifSC-Bold.ttf'])('directTables(%s)', (file) => {
  const bytes = read(file);
  const font = fontkit.create(bytes);
  const direct = directTables(bytes)!;

  test('gives the glyph id fontkit’s cmap gives', () => {
    const points = sampleCodePoints();
    expect(points.map((cp) => direct.glyphId(cp))).toEqual(points.map((cp) => (font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).id : 0)));
  });

  test('gives the advance fontkit’s hmtx gives', () => {
    const { metrics } = (font as unknown as { hmtx: { metrics: { length: number; get(i: number): { advance: number } } } }).hmtx;
    const ids = Array.from({ length: Math.ceil(font.numGlyphs / 5) }, (_, i) => Math.min(5 * i, font.numGlyphs - 1));
    expect(ids.map((id) => direct.advance(id))).toEqual(ids.map((id) => metrics.get(Math.min(id, metrics.length - 1)).advance));
  });
});

test('a file that is not a plain TrueType or OpenType font, or whose tables lie past its end, is left to fontkit', () => {
  expect(directTables(Buffer.from('wOFF and the rest of a web font'))).toBeUndefined();
  expect(directTables(read('LXGWWenKai-Regular.ttf').subarray(0, 4096))).toBeUndefined();
});
