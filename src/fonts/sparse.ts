import type { RangedFile } from '../world.js';

/** Files smaller than this are read whole: a few reads would save nothing. */
const READ_WHOLE_BELOW = 1 << 20;
/** Ranges closer than this are read in one go. */
const MERGE_GAP = 4096;

/**
 * A font file's bytes as fontkit reads them, where only what a build uses has been read: every
 * table but the glyph outlines (glyf, the charstrings of CFF) and the glyph names of post;
 * outlines are read as glyphs are used. The holes are zeros that never become resident memory
 * (a large zero-filled Buffer is mapped lazily), so the 15 MB of a CJK font cost what is read.
 */
export interface SparseFont {
  readonly bytes: Buffer;
  /** The fields of post's header a PDF font descriptor needs, where post's rest was left unread. */
  readonly post?: { italicAngle: number; isFixedPitch: number };
  /** Note glyphs whose outlines will be needed (read together by `readOutlines`). */
  needGlyphs(ids: Iterable<number>): void;
  /** Read the outlines of the glyphs noted, and of the glyphs composite ones are made of. */
  readOutlines(): void;
}

interface TableRecord {
  offset: number;
  length: number;
}

/** The file read whole: anything but a plain TrueType or OpenType font goes to fontkit as it is. */
function whole(file: RangedFile): SparseFont {
  const bytes = Buffer.alloc(file.size);
  file.read(0, bytes);
  return { bytes, needGlyphs: () => {}, readOutlines: () => {} };
}

export function openSparse(file: RangedFile): SparseFont {
  if (file.size < READ_WHOLE_BELOW) return whole(file);
  try {
    return sparse(file);
  } catch {
    // A table directory or CFF header this reader does not follow: fontkit gets the whole file
    // and judges it, so a broken font is reported as before (and a failing read fails again).
    return whole(file);
  }
}

function sparse(file: RangedFile): SparseFont {
  const header = Buffer.alloc(12);
  file.read(0, header);
  const version = header.readUInt32BE(0);
  if (version !== 0x00010000 && version !== 0x4f54544f /* OTTO */ && version !== 0x74727565 /* true */) return whole(file);
  const numTables = header.readUInt16BE(4);
  const bytes = Buffer.alloc(file.size);
  const directoryEnd = 12 + 16 * numTables;
  if (directoryEnd > file.size) return whole(file);
  file.read(0, bytes.subarray(0, directoryEnd));
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const at = 12 + 16 * i;
    const record = { offset: bytes.readUInt32BE(at + 8), length: bytes.readUInt32BE(at + 12) };
    if (record.offset + record.length > file.size) return whole(file);
    tables.set(bytes.toString('latin1', at, at + 4), record);
  }

  const filled = new Filler(file, bytes);
  // DataView's readers are V8 builtins; Buffer's are JavaScript, which a build runs un-optimised
  // (bin/bulletin.js: --no-opt), here once or twice per glyph.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  for (const [tag, { offset, length }] of tables) {
    if (tag === 'glyf') continue;
    // Only post's header is read: renderers ask for isFixedPitch and italicAngle, not glyph names.
    filled.want(offset, tag === 'post' ? Math.min(length, 32) : tag === 'CFF ' ? Math.min(length, 4) : length);
  }
  filled.flush();
  const cff = tables.get('CFF ');
  const glyf = tables.get('glyf');
  const loca = tables.get('loca');
  const head = tables.get('head');
  let glyphRange: (id: number) => TableRecord | undefined;
  let components: (id: number) => number[] = () => [];
  if (cff) {
    glyphRange = cffCharStrings(cff, filled, bytes, view);
  } else if (glyf && loca && head) {
    const longOffsets = bytes.readInt16BE(head.offset + 50) === 1;
    const count = loca.length / (longOffsets ? 4 : 2) - 1;
    const locaAt = (id: number) => (longOffsets ? view.getUint32(loca.offset + 4 * id) : 2 * view.getUint16(loca.offset + 2 * id));
    glyphRange = (id) => (id < count ? { offset: glyf.offset + locaAt(id), length: locaAt(id + 1) - locaAt(id) } : undefined);
    components = (id) => compositeComponents(view, glyphRange(id));
  } else {
    return whole(file);
  }

  const done = new Set<number>();
  const readGlyphs = (ids: Iterable<number>) => {
    const composites: number[] = [];
    for (const id of ids) {
      if (done.has(id)) continue;
      done.add(id);
      const range = glyphRange(id);
      if (range && range.length > 0) {
        filled.want(range.offset, range.length);
        if (!cff) composites.push(id);
      }
    }
    filled.flush();
    const parts = composites.flatMap(components).filter((id) => !done.has(id));
    if (parts.length > 0) readGlyphs(parts);
  };
  readGlyphs([0]);
  const post = tables.get('post');
  const needed = new Set<number>();
  return {
    bytes,
    needGlyphs: (ids) => {
      for (const id of ids) if (!done.has(id)) needed.add(id);
    },
    readOutlines: () => {
      readGlyphs(needed);
      needed.clear();
    },
    ...(post && post.length >= 16 ? { post: { italicAngle: bytes.readInt32BE(post.offset + 4) / 65536, isFixedPitch: bytes.readUInt32BE(post.offset + 12) } } : {}),
  };
}

/**
 * Read the whole CFF table but the charstrings' data, and return where each glyph's charstring
 * is (CFF, Adobe TN #5176: header, Name INDEX, Top DICT INDEX whose CharStrings operator 17
 * gives the CharStrings INDEX's offset).
 */
function cffCharStrings(table: TableRecord, filled: Filler, bytes: Buffer, view: DataView): (id: number) => TableRecord | undefined {
  const start = table.offset;
  const end = start + table.length;
  // The header, Name and Top DICT INDEXes come first and are small.
  filled.want(start, Math.min(table.length, 65536));
  filled.flush();
  const nameIndex = start + bytes[start + 2];
  const topDictIndex = indexEnd(view, nameIndex);
  const topDict = indexEntry(view, topDictIndex, 0);
  const charStrings = start + dictOperand(bytes, topDict.offset, topDict.offset + topDict.length, 17);
  filled.want(charStrings, 3);
  filled.flush();
  const count = bytes.readUInt16BE(charStrings);
  const offSize = bytes[charStrings + 2];
  filled.want(charStrings + 3, (count + 1) * offSize);
  filled.flush();
  const dataStart = charStrings + 3 + (count + 1) * offSize;
  const dataEnd = indexEnd(view, charStrings);
  filled.want(start, dataStart - start);
  filled.want(dataEnd, end - dataEnd);
  filled.flush();
  return (id) => (id < count ? indexEntry(view, charStrings, id) : undefined);
}

/** Where entry `i` of the CFF INDEX at `at` lies in the file. */
function indexEntry(view: DataView, at: number, i: number): TableRecord {
  const offSize = view.getUint8(at + 2);
  const count = view.getUint16(at);
  const dataStart = at + 3 + (count + 1) * offSize - 1;
  const from = offsetAt(view, at + 3 + i * offSize, offSize);
  const to = offsetAt(view, at + 3 + (i + 1) * offSize, offSize);
  return { offset: dataStart + from, length: to - from };
}

/** A CFF INDEX offset: big-endian, 1 to 4 bytes (TN #5176 §5). */
function offsetAt(view: DataView, at: number, size: number): number {
  if (size === 1) return view.getUint8(at);
  if (size === 2) return view.getUint16(at);
  if (size === 3) return view.getUint16(at) * 256 + view.getUint8(at + 2);
  if (size === 4) return view.getUint32(at);
  throw new RangeError(`a CFF INDEX offset of ${size} bytes`);
}

/** Where the CFF INDEX at `at` ends. */
function indexEnd(view: DataView, at: number): number {
  const count = view.getUint16(at);
  if (count === 0) return at + 2;
  const last = indexEntry(view, at, count - 1);
  return last.offset + last.length;
}

/** The last operand before `operator` in a CFF DICT (TN #5176 §4), as an integer. */
function dictOperand(bytes: Buffer, from: number, to: number, operator: number): number {
  const operands: number[] = [];
  for (let i = from; i < to; ) {
    const b0 = bytes[i];
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + bytes[i + 1] : b0;
      if (op === operator) return operands[operands.length - 1];
      operands.length = 0;
      i += b0 === 12 ? 2 : 1;
    } else if (b0 === 28) {
      operands.push(bytes.readInt16BE(i + 1));
      i += 3;
    } else if (b0 === 29) {
      operands.push(bytes.readInt32BE(i + 1));
      i += 5;
    } else if (b0 === 30) {
      operands.push(NaN); // a real: never an offset
      i++;
      while (i < to && (bytes[i] & 0x0f) !== 0x0f && (bytes[i] & 0xf0) !== 0xf0) i++;
      i++;
    } else if (b0 <= 246) {
      operands.push(b0 - 139);
      i++;
    } else if (b0 <= 250) {
      operands.push((b0 - 247) * 256 + bytes[i + 1] + 108);
      i += 2;
    } else {
      operands.push(-(b0 - 251) * 256 - bytes[i + 1] - 108);
      i += 2;
    }
  }
  throw new Error(`the CFF Top DICT has no operator ${operator}`);
}

/** The glyphs a TrueType composite glyph is made of (OpenType glyf: composite glyph description). */
function compositeComponents(view: DataView, range: TableRecord | undefined): number[] {
  if (!range || range.length < 10 || view.getInt16(range.offset) >= 0) return [];
  const ids: number[] = [];
  const end = range.offset + range.length;
  let flags: number;
  let at = range.offset + 10;
  do {
    flags = view.getUint16(at);
    ids.push(view.getUint16(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    at += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
  } while (flags & 0x0020 && at + 4 <= end);
  return ids;
}

/** Collects the byte ranges wanted and reads them, neighbours merged, into the sparse buffer. */
class Filler {
  private ranges: [number, number][] = [];
  constructor(
    private readonly file: RangedFile,
    private readonly bytes: Buffer,
  ) {}

  want(offset: number, length: number): void {
    if (length > 0) this.ranges.push([offset, offset + length]);
  }

  flush(): void {
    const sorted = this.ranges.sort((a, b) => a[0] - b[0]);
    this.ranges = [];
    let current: [number, number] | undefined;
    for (const range of sorted) {
      if (current && range[0] <= current[1] + MERGE_GAP) {
        current[1] = Math.max(current[1], range[1]);
        continue;
      }
      if (current) this.file.read(current[0], this.bytes.subarray(current[0], current[1]));
      current = [...range];
    }
    if (current) this.file.read(current[0], this.bytes.subarray(current[0], current[1]));
  }
}
