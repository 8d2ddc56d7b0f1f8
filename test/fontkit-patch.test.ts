import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { PACKAGE_ROOT } from '../src/world.js';

/** What `run` returns, and how many times it called `object[method]` meanwhile. */
function countingCalls<T>(object: object, method: string, run: () => T): { calls: number; result: T } {
  const target = object as Record<string, (...args: unknown[]) => unknown>;
  const original = target[method];
  let calls = 0;
  target[method] = function (this: unknown, ...args: unknown[]) {
    calls++;
    return original.apply(this, args);
  };
  try {
    const result = run();
    return { calls, result };
  } finally {
    target[method] = original;
  }
}

/** fontkit's CFF subset, as the PDF embeds it, with the glyph objects it touched. */
function subsetOf(file: string, text: string) {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', file)));
  const subset = font.createSubset();
  const glyphs = font.layout(text).glyphs;
  for (const glyph of glyphs) subset.includeGlyph(glyph.id);
  const bytes = subset.encode();
  return { sha256: createHash('sha256').update(bytes).digest('hex'), glyphs, subset: subset as unknown as { gsubrs: Uint8Array[] } };
}

/** LXGW WenKai, and its subset of a few characters' glyphs and `ids` (106 is a composite of 28858: test/sparse.test.ts). */
function lxgwSubset(ids: number[] = [106]) {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'LXGWWenKai-Regular.ttf')));
  const subset = font.createSubset();
  for (const ch of '信息集锦简报（）“”') subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  for (const id of ids) subset.includeGlyph(id);
  return { font, subset };
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

// patches/fontkit+2.0.4.patch: fontkit parsed each kept glyph's whole path (commands, points)
// only to learn which subroutines it calls: ≈6 ms for Termes' 31 glyphs in issue 218. A CFF v1
// subset now scans the charstrings for the calls alone.
test('a CFF subset finds the subroutines each of TeX Gyre Termes’ glyphs calls without parsing its path, the same ones (fontkit patch)', () => {
  const bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', 'texgyretermes-regular.otf'));
  type Parsed = { path: unknown; _usedGsubrs?: Record<number, true>; _usedSubrs?: Record<number, true> };
  const parsing = fontkit.create(bytes);
  const font = fontkit.create(bytes);
  const cff = (font as unknown as { 'CFF ': { globalSubrIndex: { offset: number; length: number }[] } })['CFF '];
  const called = (gid: number, of: '_usedGsubrs' | '_usedSubrs') => {
    const glyph = parsing.getGlyph(gid) as unknown as Parsed;
    void glyph.path;
    return Object.keys(glyph[of]!).map(Number);
  };
  let calls = 0;
  for (let gid = 1; gid < font.numGlyphs; gid++) {
    const subset = font.createSubset() as unknown as { includeGlyph(id: number): void; subsetCharstrings(): void; gsubrs: Uint8Array[]; usedLocalSubrs: Record<number, true>[] };
    subset.includeGlyph(gid);
    subset.subsetCharstrings();
    const globals = new Set([...called(0, '_usedGsubrs'), ...called(gid, '_usedGsubrs')]);
    const locals = new Set([...called(0, '_usedSubrs'), ...called(gid, '_usedSubrs')]);
    calls += globals.size + locals.size;
    // A subroutine left out becomes a lone `return`: those kept are told by their length.
    const kept = subset.gsubrs.flatMap((subr, i) => (subr.length > 1 ? [i] : []));
    expect(kept).toEqual([...globals].filter((i) => cff.globalSubrIndex[i].length > 1).sort((a, b) => a - b));
    expect(Object.keys(subset.usedLocalSubrs[0] ?? {}).map(Number).sort((a, b) => a - b)).toEqual([...locals].sort((a, b) => a - b));
  }
  expect(calls).toBeGreaterThan(5000);
  const parsed = Array.from({ length: font.numGlyphs }, (_, gid) => gid).filter((gid) => (font.getGlyph(gid) as unknown as Parsed)._usedGsubrs !== undefined);
  expect(parsed).toEqual([]);
});

// patches/fontkit+2.0.4.patch: fontkit loaded the brotli decoder (for WOFF2 fonts) and built
// the Unicode tables of its Arabic, Indic and USE shapers when imported, on every start-up.
test('importing fontkit loads no brotli decoder (fontkit patch)', () => {
  const script = "import 'fontkit'; import { createRequire } from 'node:module'; const loaded = Object.keys(createRequire(import.meta.url).cache); console.log(loaded.filter((m) => m.includes('/brotli/')).length);";
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.stdout.trim()).toBe('0');
});

// patches/fontkit+2.0.4.patch: the Indic and Universal shapers' data (a 44 KB state table and
// the USE categories) were JSON-parsed, and their state machines built, when fontkit was
// imported; they are used only for a font with GSUB lookups for those scripts.
test('importing fontkit parses neither the Indic nor the USE shaper’s data (fontkit patch)', () => {
  const script = `const parse = JSON.parse, parsed = [];
JSON.parse = (text, ...rest) => (/^\\{"stateTable"|^\\{"categories":\\["O","IND"/.test(text) && parsed.push(text.slice(2, 12)), parse(text, ...rest));
await import('fontkit');
console.log(JSON.stringify(parsed));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.stdout.trim()).toBe('[]');
});

// patches/fontkit+2.0.4.patch: loca's offsets were decoded one restructure call per glyph, then
// one loop iteration per glyph; typed arrays now read them natively.
test('loca’s offsets are read without a call per glyph, and are the file’s (fontkit patch)', async () => {
  // fontkit's own restructure (untyped: the specifier is a string to TypeScript)
  const r = (await import('restructure' as string)) as { uint32: object };
  const bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', 'LXGWWenKai-Regular.ttf'));
  const font = fontkit.create(bytes) as unknown as { head: object; loca: { offsets: number[] }; directory: { tables: Record<string, { offset: number; length: number }> } };
  expect(font.head).toBeDefined(); // decoded first: loca's format is head's
  const { calls, result: offsets } = countingCalls(r.uint32, 'decode', () => font.loca.offsets);
  expect(calls).toBe(0);
  expect(offsets).toBeInstanceOf(Uint32Array);
  const loca = font.directory.tables.loca;
  expect(offsets).toHaveLength(loca.length / 4); // long offsets: indexToLocFormat 1
  expect(offsets.every((offset, i) => offset === bytes.readUInt32BE(loca.offset + 4 * i))).toBe(true);
});

// patches/fontkit+2.0.4.patch: a CFF INDEX's offsets were decoded one restructure call each,
// and FandolFang's CharStrings INDEX has one per glyph (10 365, 3-byte offsets).
test('a CFF INDEX’s offsets are read without a call each, and are the file’s (fontkit patch)', async () => {
  const r = (await import('restructure' as string)) as { uint24: object };
  const bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', 'FandolFang-Regular.otf'));
  const font = fontkit.create(bytes) as unknown as { 'CFF ': { topDict: { CharStrings: { offset: number; length: number }[] } } };
  const { calls, result: charStrings } = countingCalls(r.uint24, 'decode', () => font['CFF '].topDict.CharStrings);
  expect(calls).toBe(0);
  expect(charStrings).toHaveLength(10365);
  // The INDEX as TN #5176 §5 lays it out: count, offSize 3, count + 1 offsets (the first is 1),
  // then the data, where the first charstring starts; entries are file positions.
  const index = charStrings[0].offset - 3 - 10366 * 3;
  expect([bytes.readUInt16BE(index), bytes[index + 2]]).toEqual([10365, 3]);
  const offset = (i: number) => bytes.readUIntBE(index + 3 + i * 3, 3);
  const dataStart = index + 3 + 10366 * 3 - 1;
  for (const i of [0, 1, 5000, 10364]) expect(charStrings[i]).toEqual({ offset: dataStart + offset(i), length: offset(i + 1) - offset(i) });
});

// patches/fontkit+2.0.4.patch: subsetting a TrueType font decoded every simple glyph's points
// only to learn that it was not a composite one.
test('subsetting LXGW WenKai decodes only its composite glyphs, to the same bytes (fontkit patch)', () => {
  const { font, subset } = lxgwSubset();
  const { calls: simple, result: bytes } = countingCalls(Object.getPrototypeOf(font.glyphForCodePoint(0x4fe1)), '_decodeSimple', () => subset.encode());
  expect(simple).toBe(0);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe('522b332b092aa52c94a138c3373fe703fb65ffdf7a103731a7d0a96acfdc6500'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: subsetting a TrueType font took each glyph's left side bearing
// from _getMetrics, which also works out the vertical metrics from the glyph's bounding box.
test('subsetting LXGW WenKai works out no glyph’s metrics, to the same bytes (fontkit patch)', () => {
  const { font, subset } = lxgwSubset();
  const { calls, result: bytes } = countingCalls(Object.getPrototypeOf(font.glyphForCodePoint(0x4fe1)), '_getMetrics', () => subset.encode());
  expect(calls).toBe(0);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe('522b332b092aa52c94a138c3373fe703fb65ffdf7a103731a7d0a96acfdc6500'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: a TrueType subset's glyf, loca and hmtx were encoded by restructure
// value by value, each hmtx entry a Struct sized and encoded (most of subsetting LXGW or Noto).
test('a TrueType subset writes glyf, loca and hmtx as bytes, not a Struct per glyph, to the same bytes (fontkit patch)', async () => {
  const r = (await import('restructure' as string)) as { Struct: { prototype: object } };
  const { subset } = lxgwSubset();
  const { calls, result: bytes } = countingCalls(r.Struct.prototype, 'encode', () => subset.encode());
  expect(calls).toBe(10); // the directory, its 6 table entries, head, hhea and maxp; unpatched, one more per glyph
  expect(createHash('sha256').update(bytes).digest('hex')).toBe('522b332b092aa52c94a138c3373fe703fb65ffdf7a103731a7d0a96acfdc6500'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: a subset read each glyph's outline from the font's buffer; a font
// object may now hand them over (src/fonts/sparse.ts reads them side by side, not in place).
test('a subset copies the outlines its font object hands over, TrueType and CFF (fontkit patch)', () => {
  for (const file of ['LXGWWenKai-Regular.ttf', 'FandolFang-Regular.otf']) {
    const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', file)));
    const id = font.glyphForCodePoint(0x4fe1).id;
    // A simple glyph (one contour, bounds 0, no instructions) / a CFF charstring (endchar), recognisable.
    const handed = file.endsWith('.ttf') ? Uint8Array.from([0, 1, 0, 0, 0, 0, 0, 7, 0, 7, 0, 0, 0, 0, 1, 0x37]) : Uint8Array.from([0xf7, 0x37, 0xf7, 0x38, 0xf7, 0x39, 0xf7, 0x3a, 14]);
    const view = Object.create(font, { outlineBytes: { value: (glyph: number) => (glyph === id ? handed : undefined) } }) as typeof font;
    const subset = view.createSubset();
    subset.includeGlyph(id);
    expect(Buffer.from(subset.encode()).includes(Buffer.from(handed))).toBe(true);
  }
});

// patches/fontkit+2.0.4.patch: a glyph's advanceWidth also worked out its vertical metrics, which
// take the bounding box, so shaping a word parsed the charstring of each of its glyphs.
test('shaping a word in TeX Gyre Termes parses no outline, and its advances are hmtx’s with kerning (fontkit patch)', () => {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'texgyretermes-regular.otf')));
  const run = font.layout('AVAST final');
  const outlined = run.glyphs.filter((glyph) => Object.hasOwn(glyph, 'path') || (glyph as unknown as { _metrics?: object })._metrics !== undefined);
  expect(outlined).toEqual([]);
  // unpatched fontkit 2.0.4's: the fi ligature (126), A–V and V–A kerned
  expect(run.glyphs.map((glyph) => glyph.id)).toEqual([28, 112, 28, 98, 105, 104, 126, 78, 29, 73]);
  expect(run.positions.map((position) => position.xAdvance)).toEqual([592, 597, 722, 536, 611, 250, 556, 500, 444, 278]);
});

// patches/fontkit+2.0.4.patch: pair positioning decodes the PairSet of a word's first glyph
// whole, and each of its records was three restructure Structs, built (value records) and set up.
test('kerning after A in TeX Gyre Termes reads its 143 pairs without a restructure Struct each, as they are (fontkit patch)', async () => {
  const r = (await import('restructure' as string)) as { Struct: { prototype: object } };
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'texgyretermes-regular.otf'))) as unknown as {
    GPOS: { lookupList: { get(i: number): { lookupType: number; subTables: { coverage: { glyphs: number[] }; pairSets: { get(i: number): unknown[] } }[] } } };
  };
  const kern = font.GPOS.lookupList.get(1);
  expect(kern.lookupType).toBe(2); // pair adjustment, format 1: a PairSet per first glyph
  const { coverage, pairSets } = kern.subTables[0];
  const { calls: structs, result: pairs } = countingCalls(r.Struct.prototype, '_setup', () => pairSets.get(coverage.glyphs.indexOf(28))); // A's
  expect(structs).toBe(0);
  expect(pairs).toHaveLength(143);
  expect(pairs).toContainEqual({ secondGlyph: 112, value1: { xAdvance: -130 }, value2: {} }); // A–V, as unpatched fontkit 2.0.4 decodes it
  expect(createHash('sha256').update(JSON.stringify(pairs)).digest('hex')).toBe('1aec58344582cac22a1631036c37cdfa97942d69ab7d58d17f3e37c731f8a51b'); // unpatched fontkit 2.0.4's pairs
});

// patches/fontkit+2.0.4.patch: a subset mapped glyph ids to subset indexes in an object, whose
// sparse integer keys (CJK glyph ids run to 65535) make a dictionary copied as it grows.
test('a subset maps glyph ids to their indexes in a Map, a glyph included again keeping its first index (fontkit patch)', () => {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'FandolFang-Regular.otf')));
  const subset = font.createSubset() as unknown as { mapping: unknown; glyphs: number[]; includeGlyph(id: number): number };
  expect(subset.mapping).toBeInstanceOf(Map);
  expect([40000, 7, 40000, 0, 7, 65535].map((id) => subset.includeGlyph(id))).toEqual([1, 2, 1, 0, 2, 3]);
  expect(subset.glyphs).toEqual([0, 40000, 7, 65535]);
});

// patches/fontkit+2.0.4.patch: a glyph worked out whether it is a mark when made, through
// unicode-properties' trie, though only shaping asks; now when first asked, with the same answer.
test('a glyph works out whether it is a mark when asked, not when made (fontkit patch)', () => {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'texgyretermes-regular.otf')));
  const acute = font.getGlyph(font.glyphForCodePoint(0x301).id, [0x301]) as unknown as { isMark: boolean };
  const letter = font.getGlyph(font.glyphForCodePoint(0x61).id, [0x61]) as unknown as { isMark: boolean };
  // Unpatched, the constructor set isMark on the glyph itself.
  expect([Object.hasOwn(acute, 'isMark'), Object.hasOwn(letter, 'isMark')]).toEqual([false, false]);
  expect([acute.isMark, letter.isMark]).toEqual([true, false]);
  letter.isMark = true;
  expect(letter.isMark).toBe(true);
  expect(font.layout('fi').glyphs.map((glyph) => (glyph as unknown as { isMark: boolean }).isMark)).toEqual([false]);
});

// patches/fontkit+2.0.4.patch: a TrueType subset read each glyph's place from loca, which is
// decoded whole when first read (LXGW WenKai: 29 146 offsets), also for glyphs handed over.
test('a TrueType subset of outlines handed over decodes no loca, to the same bytes (fontkit patch)', () => {
  const bytes = readFileSync(join(PACKAGE_ROOT, 'fonts', 'LXGWWenKai-Regular.ttf'));
  const font = fontkit.create(bytes);
  const ids = [...'信息集锦简报（）“”'].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
  const { glyf, loca } = (font as unknown as { directory: { tables: Record<string, { offset: number }> } }).directory.tables;
  // The outlines as sparse.ts hands them over: read from the file's loca and glyf, not through this font.
  const locaAt = (id: number) => bytes.readUInt32BE(loca.offset + 4 * id); // long offsets
  const outline = (id: number) => bytes.subarray(glyf.offset + locaAt(id), glyf.offset + locaAt(id + 1));
  const view = Object.create(font, { outlineBytes: { value: outline } }) as typeof font;
  const subset = view.createSubset();
  for (const id of ids) subset.includeGlyph(id);
  const encoded = subset.encode();
  expect(Object.hasOwn((font as unknown as { _tables: object })._tables, 'loca')).toBe(false);
  expect(createHash('sha256').update(encoded).digest('hex')).toBe('49bec8e4bda7438f4648af669e4f87372d480d76f5f11f9d4436047a82bbd0cb'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: a CFF font's CharStrings INDEX was decoded with its Top DICT, an
// entry per glyph (FandolFang: 10 365), though a subset of charstrings handed over reads none.
test('a CFF subset of charstrings handed over, in a font without subroutines, decodes no CharStrings INDEX, to the same bytes (fontkit patch)', () => {
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'FandolFang-Regular.otf')));
  const ids = [...'中国科学技术院所联谊会'].map((ch) => font.glyphForCodePoint(ch.codePointAt(0)!).id);
  const cff = (font as unknown as { 'CFF ': { topDict: object; getCharString(id: number): Uint8Array } })['CFF '];
  const descriptor = Object.getOwnPropertyDescriptor(cff.topDict, 'CharStrings')!;
  expect(descriptor.get).toBeDefined(); // lazy; unpatched, the INDEX decoded
  const charStrings = new Map(ids.map((id) => [id, Uint8Array.from(cff.getCharString(id))]));
  charStrings.set(0, Uint8Array.from(cff.getCharString(0)));
  const fresh = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'FandolFang-Regular.otf')));
  const freshCff = (fresh as unknown as { 'CFF ': { topDict: object } })['CFF '];
  const lazy = Object.getOwnPropertyDescriptor(freshCff.topDict, 'CharStrings')!;
  let decoded = 0;
  Object.defineProperty(freshCff.topDict, 'CharStrings', { ...lazy, get: () => (decoded++, lazy.get!.call(freshCff.topDict)) });
  const view = Object.create(fresh, { outlineBytes: { value: (id: number) => charStrings.get(id) } }) as typeof fresh;
  const subset = view.createSubset();
  for (const id of ids) subset.includeGlyph(id);
  const encoded = subset.encode();
  expect(decoded).toBe(0);
  expect(createHash('sha256').update(encoded).digest('hex')).toBe('3d45bda56b93e671ac592df93dc9cf4bf0f6c776790a0e629c19a8f37135445a'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: a CFF INDEX of bytes (charstrings, subroutines) was sized and
// written through a restructure Buffer per item, sized again for each pointer and dict above it.
test('a CFF subset writes its INDEXes of charstrings and subroutines without a restructure Buffer per item, to the same bytes (fontkit patch)', async () => {
  const r = (await import('restructure' as string)) as { Buffer: { prototype: object } };
  for (const [file, text, sha256] of [
    ['FandolFang-Regular.otf', '中国科学技术院所联谊会', '3d45bda56b93e671ac592df93dc9cf4bf0f6c776790a0e629c19a8f37135445a'],
    ['texgyretermes-regular.otf', 'Typesetting bulletin 2025: final ÅØ', '40a5f186515fbfd87832826553c943e0946581557ac0f057d85468ad5152678c'],
  ]) {
    const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', file)));
    const subset = font.createSubset();
    for (const glyph of font.layout(text).glyphs) subset.includeGlyph(glyph.id);
    const sized = countingCalls(r.Buffer.prototype, 'size', () => countingCalls(r.Buffer.prototype, 'encode', () => subset.encode()));
    expect([sized.calls, sized.result.calls]).toEqual([0, 0]);
    expect(createHash('sha256').update(sized.result.result).digest('hex')).toBe(sha256); // unpatched fontkit 2.0.4's bytes
  }
});

// patches/fontkit+2.0.4.patch: a CID-keyed font's subset writes FDSelect's format 0, a byte per
// glyph, which restructure sized byte by byte for each pointer and dict above it.
test('a CFF subset of a CID-keyed font writes FDSelect’s byte per glyph at once, to the same bytes (fontkit patch)', async () => {
  const r = (await import('restructure' as string)) as { uint8: object };
  const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', 'FandolFang-Regular.otf')));
  const subset = font.createSubset();
  for (let id = 1000; id < 1500; id++) subset.includeGlyph(id);
  const sized = countingCalls(r.uint8, 'size', () => countingCalls(r.uint8, 'encode', () => subset.encode()));
  // The header's and a few DICTs' bytes; unpatched, 500 more per pass over FDSelect.
  expect(sized.calls + sized.result.calls).toBeLessThan(100);
  expect(createHash('sha256').update(sized.result.result).digest('hex')).toBe('308ad6aa3a6a789e417944080152f0aadfb6aadd6c567dd7089887d41ccf10b9'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: a TrueType subset took each glyph's advance and bearing through
// hmtx's LazyArray, a restructure Struct decoded per glyph; now from the table's bytes.
test('a TrueType subset reads its glyphs’ advances and bearings from hmtx’s bytes, also past its last full entry, to the same bytes (fontkit patch)', () => {
  const { font, subset } = lxgwSubset([106, 29000, 29144]); // a composite, and two glyphs with a bearing only
  expect([(font as unknown as { hhea: { numberOfMetrics: number } }).hhea.numberOfMetrics, font.numGlyphs]).toEqual([28880, 29145]);
  const { calls, result: bytes } = countingCalls(Object.getPrototypeOf(font.glyphForCodePoint(0x4fe1)), '_getTableMetrics', () => subset.encode());
  expect(calls).toBe(0);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe('421fe927cf0e02a311d23029639c5b8fdde2f0687fbbc52424a2b57da4da6ca9'); // unpatched fontkit 2.0.4's bytes
});

// patches/fontkit+2.0.4.patch: a TrueType subset copied its glyphs' outlines into a glyf buffer of
// their own, then that buffer into the font program: a fresh page touched per 4 KB of outlines.
test('a TrueType subset writes its glyphs’ outlines into the font program without a glyf buffer between, to the same bytes (fontkit patch)', () => {
  const { subset } = lxgwSubset();
  const copied: number[] = [];
  const set = Uint8Array.prototype.set;
  Uint8Array.prototype.set = function (this: Uint8Array, source: ArrayLike<number>, offset?: number) {
    copied.push(source.length);
    return set.call(this, source, offset);
  };
  let bytes: Uint8Array;
  try {
    bytes = subset.encode();
  } finally {
    Uint8Array.prototype.set = set;
  }
  const glyfLength = (subset as unknown as { offset: number }).offset;
  expect(glyfLength).toBeGreaterThan(1000);
  expect(copied).not.toContain(glyfLength); // unpatched, the glyf buffer was copied whole
  expect(createHash('sha256').update(bytes).digest('hex')).toBe('522b332b092aa52c94a138c3373fe703fb65ffdf7a103731a7d0a96acfdc6500'); // unpatched fontkit 2.0.4's bytes
});

// pdfkit asks each font for its postscriptName only; unpatched, fontkit decoded every string of
// the name table (a Struct per record, and ICU converters for GBK and Mac Roman) to give it.
test('asking for a font’s PostScript name decodes only that name’s strings, and every name is as before (fontkit patch)', () => {
  const namesHashes: Record<string, string> = {
    // unpatched fontkit 2.0.4's name.records, every key read, as canonical JSON
    'FandolFang-Regular.otf': '17991afdf13a5af3593789657e1b7501525b350c78376b6b9480c8a907d40e1c',
    'LXGWWenKai-Regular.ttf': '29f2fb3b8f824c17f2b7c28ed713e145ba78644b5229300b8d56b22942a78bc6',
    'NotoSansSC-Medium.ttf': '4b8463fe65b34b7b7fd3b7aaa2fd498ff80a33b1ed861c43529cb52c366baec0',
    'NotoSerifSC-Bold.ttf': 'd4cda4892abacfaf4ec26e751667fea9a8f71ae6f7e6fb51f6767771ecc91617',
    'texgyretermes-regular.otf': '399262a8149ee569c4df0869e7fe4084d87a500c9573019b53d797a49d14cf5a',
  };
  const canonical = (value: unknown): unknown =>
    ArrayBuffer.isView(value)
      ? { bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex') }
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
        : value;
  for (const [file, hash] of Object.entries(namesHashes)) {
    const font = fontkit.create(readFileSync(join(PACKAGE_ROOT, 'fonts', file))) as fontkit.Font & { name: { records: object }; stream: object };
    // restructure's DecodeStream, which reads every string of a font
    const { calls, result } = countingCalls(Object.getPrototypeOf(font.stream), 'readString', () => font.postscriptName);
    expect(result).toBe(file === 'texgyretermes-regular.otf' ? 'TeXGyreTermes-Regular' : file.replace(/\.[ot]tf$/, ''));
    expect(calls).toBeLessThanOrEqual(3); // its Macintosh and Windows records; unpatched, ≥ 20
    expect(createHash('sha256').update(JSON.stringify(canonical(font.name.records))).digest('hex')).toBe(hash);
  }
});

/** TeX Gyre Termes with its name table replaced by `name` (appended; fontkit checks no checksum). */
function termesWithName(name: Buffer): fontkit.Font & { name: { records: Record<string, unknown> } } {
  const file = readFileSync(join(PACKAGE_ROOT, 'fonts', 'texgyretermes-regular.otf'));
  const font = Buffer.concat([file, name]);
  const tables = font.readUInt16BE(4);
  for (let i = 0; i < tables; i++) {
    const record = 12 + 16 * i;
    if (font.toString('latin1', record, record + 4) !== 'name') continue;
    font.writeUInt32BE(file.length, record + 8);
    font.writeUInt32BE(name.length, record + 12);
  }
  return fontkit.create(font) as ReturnType<typeof termesWithName>;
}

/** A name table (OpenType name, version 1): records of [platform, encoding, language, name id, text] as UTF-16BE, and language tags. */
function nameTable(records: [number, number, number, number, string][], langTags: string[]): Buffer {
  const utf16 = (text: string) => Buffer.from(text, 'utf16le').swap16();
  const strings = [...records.map((r) => utf16(r[4])), ...langTags.map(utf16)];
  const head = Buffer.alloc(6 + 12 * records.length + 2 + 4 * langTags.length);
  head.writeUInt16BE(1, 0);
  head.writeUInt16BE(records.length, 2);
  head.writeUInt16BE(head.length, 4);
  let offset = 0;
  records.forEach(([platform, encoding, language, nameID], i) => {
    [platform, encoding, language, nameID, strings[i].length, offset].forEach((n, k) => head.writeUInt16BE(n, 6 + 12 * i + 2 * k));
    offset += strings[i].length;
  });
  head.writeUInt16BE(langTags.length, 6 + 12 * records.length);
  langTags.forEach((_, i) => {
    const at = 8 + 12 * records.length + 4 * i;
    head.writeUInt16BE(strings[records.length + i].length, at);
    head.writeUInt16BE(offset, at + 2);
    offset += strings[records.length + i].length;
  });
  return Buffer.concat([head, ...strings]);
}

test('a name table’s language tags (version 1) and AAT feature names (ids ≥ 256) read as unpatched fontkit read them (fontkit patch)', () => {
  const font = termesWithName(
    nameTable(
      [
        [3, 1, 0x409, 1, 'Family'],
        [3, 1, 0x8000, 6, 'Tagged-Name'],
        [3, 1, 0x409, 256, 'A feature'],
        [3, 1, 0x409, 6, 'English-Name'],
      ],
      ['zh-Hant'],
    ),
  );
  expect(font.name.records).toEqual({
    fontFamily: { en: 'Family' },
    // fontkit 2.0.4 reads a language tag's string relative to the tag record's stringOffset,
    // which it has not (the table's is meant): the tag reads empty, unpatched as patched.
    postscriptName: { '': 'Tagged-Name', en: 'English-Name' },
    fontFeatures: { 256: { en: 'A feature' } },
  });
  expect(font.postscriptName).toBe('English-Name');
});
