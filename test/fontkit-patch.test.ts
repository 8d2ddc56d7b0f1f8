import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { PACKAGE_ROOT } from '../src/world.js';

/** fontkit's CFF subset, as the PDF embeds it, with the glyph objects it touched. */
function subsetOf(file: string, text: string) {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', file)));
  const subset = font.createSubset();
  const glyphs = font.layout(text).glyphs;
  for (const glyph of glyphs) subset.includeGlyph(glyph.id);
  const bytes = subset.encode();
  return { sha256: createHash('sha256').update(bytes).digest('hex'), glyphs, subset: subset as unknown as { gsubrs: Uint8Array[] } };
}

// patches/fontkit+2.0.4.patch: fontkit parsed every charstring of a subset to find the
// subroutines it calls, also in fonts that have none. FandolFang has none, and that parse was
// about a third of rendering issue 218.
test('subsetting FandolFang, which has no subroutines, parses no charstring (fontkit patch)', () => {
  const { sha256, glyphs } = subsetOf('FandolFang-Regular.otf', '中国科学技术院所联谊会');
  const parsed = glyphs.filter((glyph) => (glyph as unknown as { _usedGsubrs?: object })._usedGsubrs !== undefined).map((glyph) => glyph.id);
  expect(parsed).toEqual([]);
  expect(sha256).toBe('3d45bda56b93e671ac592df93dc9cf4bf0f6c776790a0e629c19a8f37135445a'); // unpatched fontkit 2.0.4's bytes
});

test('subsetting TeX Gyre Termes (285 global and 285 local subroutines) still keeps the ones its glyphs call', () => {
  const { sha256, subset } = subsetOf('texgyretermes-regular.otf', 'Typesetting bulletin 2025: final ÅØ');
  // An unused subroutine is replaced by a lone `return` (11); a kept one is its original bytes.
  expect(subset.gsubrs).toHaveLength(285);
  expect(subset.gsubrs.filter((subr) => subr.length > 1).length).toBeGreaterThan(0);
  expect(sha256).toBe('40a5f186515fbfd87832826553c943e0946581557ac0f057d85468ad5152678c'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: fontkit loaded the brotli decoder (for WOFF2 fonts) and built
// the Unicode tables of its Arabic, Indic and USE shapers when imported, on every start-up.
test('importing fontkit loads no brotli decoder (fontkit patch)', () => {
  const script = "import 'fontkit'; import { createRequire } from 'node:module'; const loaded = Object.keys(createRequire(import.meta.url).cache); console.log(loaded.filter((m) => m.includes('/brotli/')).length);";
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.stdout.trim()).toBe('0');
});
