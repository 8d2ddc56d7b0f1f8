import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';
import { setFlagsFromString } from 'node:v8';
import { dictOperands, openSparse } from '../src/fonts/sparse.js';
import { nodeWorld, PACKAGE_ROOT, type RangedFile } from '../src/world.js';

const world = nodeWorld(PACKAGE_ROOT);
const fontPath = (file: string) => join(PACKAGE_ROOT, 'fonts', file);

/** The file, counting the bytes read from it. */
function counted(file: string): { source: RangedFile; read: () => number } {
  const source = world.openRanged(fontPath(file));
  let read = 0;
  return {
    source: {
      size: source.size,
      read: (position, parts) => {
        source.read(position, parts);
        for (const part of parts) read += part.length;
      },
    },
    read: () => read,
  };
}

/** Where each table lies in the file. */
function tables(bytes: Buffer): Map<string, { offset: number; length: number }> {
  const count = bytes.readUInt16BE(4);
  return new Map(Array.from({ length: count }, (_, i) => [bytes.toString('latin1', 12 + 16 * i, 16 + 16 * i), { offset: bytes.readUInt32BE(20 + 16 * i), length: bytes.readUInt32BE(24 + 16 * i) }]));
}

/** A file of these bytes. */
function inMemory(bytes: Buffer): RangedFile {
  return {
    size: bytes.length,
    read: (position, parts) => {
      for (const part of parts) position += bytes.copy(part, 0, position, position + part.length);
    },
  };
}

test('a TrueType font is read but its outlines, glyph names and vertical metrics; a composite glyph brings its components', () => {
  const file = readFileSync(fontPath('LXGWWenKai-Regular.ttf'));
  const { source, read } = counted('LXGWWenKai-Regular.ttf');
  const sparse = openSparse(source);
  const layout = tables(file);
  for (const tag of ['cmap', 'hmtx', 'loca', 'head', 'GSUB', 'name']) {
    const { offset, length } = layout.get(tag)!;
    expect(sparse.bytes.subarray(offset, offset + length).equals(file.subarray(offset, offset + length))).toBe(true);
  }
  // Nor its vertical metrics, which nothing takes.
  const vmtx = layout.get('vmtx')!;
  expect(sparse.bytes.subarray(vmtx.offset, vmtx.offset + vmtx.length).every((b) => b === 0)).toBe(true);
  expect(read()).toBeLessThan(1.2e6); // of 15.7 MB
  expect(sparse.post).toEqual({ italicAngle: 0, isFixedPitch: 0 });

  // Glyph 106 is a composite of glyph 28858 (found with fontkit); loca is long (indexToLocFormat 1).
  const glyf = layout.get('glyf')!.offset;
  const loca = layout.get('loca')!.offset;
  const outline = (id: number) => [glyf + file.readUInt32BE(loca + 4 * id), glyf + file.readUInt32BE(loca + 4 * id + 4)] as const;
  const [from, to] = outline(28858);
  expect(sparse.bytes.subarray(from, to).every((b) => b === 0)).toBe(true);
  sparse.needGlyphs([106]);
  sparse.readOutlines();
  for (const id of [106, 28858]) {
    const [start, end] = outline(id);
    expect(Buffer.from(sparse.outline(id)!).equals(file.subarray(start, end))).toBe(true);
  }
  // fontkit decodes a composite glyph from the font's bytes; a simple one is only copied.
  const [start, end] = outline(106);
  expect(sparse.bytes.subarray(start, end).equals(file.subarray(start, end))).toBe(true);
  expect(sparse.bytes.subarray(from, to).every((b) => b === 0)).toBe(true);
});

test('a CFF font is read but its charstrings, which are read glyph by glyph', () => {
  const file = readFileSync(fontPath('FandolFang-Regular.otf'));
  const { source, read } = counted('FandolFang-Regular.otf');
  const sparse = openSparse(source);
  expect(read()).toBeLessThan(0.5e6); // of 7 MB
  const cff = tables(file).get('CFF ')!;
  const differing = () => sparse.bytes.subarray(cff.offset, cff.offset + cff.length).reduce((n, b, i) => n + (b !== file[cff.offset + i] ? 1 : 0), 0);
  const before = differing();
  expect(before).toBeGreaterThan(6e6);
  const font = fontkit.create(file) as unknown as { 'CFF ': { getCharString(id: number): Uint8Array } };
  const ids = Array.from({ length: 10365 }, (_, id) => id);
  sparse.needGlyphs(ids);
  sparse.readOutlines();
  expect(ids.filter((id) => !Buffer.from(sparse.outline(id)!).equals(font['CFF '].getCharString(id)))).toEqual([]);
  // FandolFang has no subroutines: fontkit's subsetter only copies its charstrings, so they are not put in place.
  expect(differing()).toBe(before);
});

// A CFF font with subroutines: fontkit's subsetter parses the charstrings it keeps from the font's bytes.
test('a CFF font with subroutines has the charstrings read put in place too', () => {
  const termes = readFileSync(fontPath('texgyretermes-regular.otf'));
  const padded = Buffer.concat([termes, Buffer.alloc(2 << 20)]); // past the size read whole
  const sparse = openSparse(inMemory(padded));
  const font = fontkit.create(termes) as unknown as { 'CFF ': { topDict: { CharStrings: { offset: number; length: number }[] } } };
  // The last glyph: the first 64 KB of the CFF table, read whole at first, hold the others.
  const last = font['CFF '].topDict.CharStrings.length - 1;
  const { offset, length } = font['CFF '].topDict.CharStrings[last];
  expect(sparse.bytes.subarray(offset, offset + length).every((b) => b === 0)).toBe(true);
  sparse.needGlyphs([last]);
  sparse.readOutlines();
  expect(sparse.bytes.subarray(offset, offset + length).equals(termes.subarray(offset, offset + length))).toBe(true);
  expect(Buffer.from(sparse.outline(last)!).equals(termes.subarray(offset, offset + length))).toBe(true);
});

test('a small font file is read whole', () => {
  const { source, read } = counted('texgyretermes-regular.otf');
  const sparse = openSparse(source);
  expect(read()).toBe(source.size);
  expect(sparse.bytes.equals(readFileSync(fontPath('texgyretermes-regular.otf')))).toBe(true);
});

test('a large file that is not laid out as its font directory says is read whole, for fontkit to judge', () => {
  const size = 2 << 20;
  const bytes = Buffer.alloc(size);
  bytes.write('OTTO', 0, 'latin1');
  bytes.writeUInt16BE(1, 4); // one table…
  bytes.write('CFF ', 12, 'latin1');
  bytes.writeUInt32BE(size - 8, 20); // …whose CFF header points past the end of the file
  bytes.writeUInt32BE(8, 24);
  bytes.fill(0xff, size - 8);
  const sparse = openSparse(inMemory(bytes));
  expect(sparse.bytes.equals(bytes)).toBe(true);
});

test('regression: outlines whose read failed are read again by the next readOutlines, not taken as read (empty)', () => {
  const file = readFileSync(fontPath('LXGWWenKai-Regular.ttf'));
  let failing = false;
  const source = inMemory(file);
  const sparse = openSparse({
    size: source.size,
    read: (position, parts) => {
      if (failing) throw Object.assign(new Error('input/output error'), { code: 'EIO' });
      source.read(position, parts);
    },
  });
  const glyf = tables(file).get('glyf')!.offset;
  const loca = tables(file).get('loca')!.offset;
  const id = 1000;
  const expected = file.subarray(glyf + file.readUInt32BE(loca + 4 * id), glyf + file.readUInt32BE(loca + 4 * id + 4));
  sparse.needGlyphs([id]);
  failing = true;
  expect(() => sparse.readOutlines()).toThrow('input/output error');
  failing = false;
  sparse.needGlyphs([id]);
  sparse.readOutlines();
  expect(Buffer.from(sparse.outline(id)!).equals(expected)).toBe(true);
});

test('a sparse font is not counted as external memory: the holes of a 15 MB font brought a full collection into every build', () => {
  const before = process.memoryUsage().external;
  const sparse = openSparse(world.openRanged(fontPath('LXGWWenKai-Regular.ttf')));
  expect(sparse.bytes.length).toBe(15679832);
  expect(process.memoryUsage().external - before).toBeLessThan(2e6);
});

/** A CFF DICT: 0, 4660 (int16), operator 12 7; -108 (two bytes from 251), the real -2.25, 65536 (int32), operator 17. */
const DICT = new DataView(Uint8Array.from([139, 28, 0x12, 0x34, 12, 7, 251, 0, 30, 0xe2, 0xa2, 0x5f, 29, 0, 1, 0, 0, 17]).buffer);
const WHOLE_DICT = { offset: 0, length: DICT.byteLength };

test('dictOperands gives the operands of an operator in every integer encoding, a real as undefined, none for an operator the DICT lacks', () => {
  expect(dictOperands(DICT, WHOLE_DICT, 1207)).toEqual([0, 4660]);
  expect(dictOperands(DICT, WHOLE_DICT, 17)).toEqual([-108, undefined, 65536]);
  expect(dictOperands(DICT, WHOLE_DICT, 18)).toBeUndefined();
  expect(dictOperands(new DataView(Uint8Array.from([250, 255, 254, 255, 32, 246, 19]).buffer), { offset: 0, length: 7 }, 19)).toEqual([1131, -1131, -107, 107]);
});

test('regression: the integers of a CFF DICT are small integers, not heap numbers: every charstring offset derived from one allocated at each use (≈1.5 MB of a build of issue 218)', () => {
  setFlagsFromString('--allow-natives-syntax');
  const isSmallInteger = new Function('n', 'return %IsSmi(n)') as (n: unknown) => boolean;
  setFlagsFromString('--no-allow-natives-syntax');
  const operands = dictOperands(DICT, WHOLE_DICT, 17)!;
  expect([operands[0], operands[2]].map(isSmallInteger)).toEqual([true, true]);
});
