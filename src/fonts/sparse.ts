import { uncountedBuffer } from '../buffers.js';
import type { RangedFile } from '../world.js';
import { tableDirectory, viewOf, type TableRecord } from './tables.js';

/** Files smaller than this are read whole: a few reads would save nothing. */
const READ_WHOLE_BELOW = 1 << 20;
/**
 * Wanted ranges closer than this are read in one system call, the bytes between them into one
 * small scratch buffer: on the 2-core VM bulletin is measured on, a pread costs ≈25 µs and
 * copying 64 KB from the page cache ≈15 µs. Reading issue 218's outlines (CPU, median of 3):
 * 31 ms with 4 KB, 14.5 ms with 16 KB, 21 ms with 64 KB.
 */
const MERGE_GAP = 16384;

/**
 * A font file's bytes as fontkit reads them, where only what a build uses has been read: every
 * table but the glyph outlines (glyf, the charstrings of CFF), the glyph names of post and the
 * vertical metrics (vmtx: 0.35 MB of issue 218's fonts). The holes are zeros that never become
 * resident memory (a large zero-filled Buffer is mapped lazily), so the 15 MB of a CJK font cost
 * what is read. Outlines are read as glyphs are used, side by side into buffers of their own
 * (`outline`), which a subset copies: each page of the file's buffer touched is a page fault,
 * and a CJK font's glyphs lie a few KB apart. Outlines fontkit itself decodes (composite
 * TrueType glyphs, CFF charstrings that call subroutines) are also put in place.
 */
export interface SparseFont {
  readonly bytes: Buffer;
  /** The fields of post's header a PDF font descriptor needs, where post's rest was left unread. */
  readonly post?: { italicAngle: number; isFixedPitch: number };
  /** Where each table lies, as read to open the font sparsely; none where the font was read whole. */
  readonly directory?: Map<string, TableRecord>;
  /** Note glyphs whose outlines will be needed (read together by `readOutlines`). */
  needGlyphs(ids: readonly number[]): void;
  /** Read the outlines of the glyphs noted, and of the glyphs composite ones are made of. */
  readOutlines(): void;
  /** A glyph's outline (its glyf entry or CFF charstring) as read by `readOutlines`; none where the font was read whole. */
  outline(id: number): Uint8Array | undefined;
}

/** The file read whole: anything but a plain TrueType or OpenType font goes to fontkit as it is. */
function whole(file: RangedFile): SparseFont {
  const bytes = uncountedBuffer(file.size);
  file.read(0, [bytes]);
  return { bytes, needGlyphs: () => {}, readOutlines: () => {}, outline: () => undefined };
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
  // Uncounted: as an ArrayBuffer, the whole file (issue 218: 47 MB, of which ≈1.5 MB is ever
  // touched) brought an early full garbage collection and two scavenges into every build.
  const bytes = uncountedBuffer(file.size);
  file.read(0, [bytes.subarray(0, 12)]);
  const directoryEnd = 12 + 16 * bytes.readUInt16BE(4);
  if (directoryEnd > file.size) return whole(file);
  file.read(12, [bytes.subarray(12, directoryEnd)]);
  // DataView's readers are V8 builtins; Buffer's are JavaScript, which a build runs un-optimised
  // (bin/bulletin.js: --no-opt), here once or twice per glyph.
  const view = viewOf(bytes);
  const tables = tableDirectory(view);
  if (!tables) return whole(file);
  for (const { offset, length } of tables.values()) if (offset + length > file.size) return whole(file);

  const filled = new Reads(file, bytes);
  for (const [tag, { offset, length }] of tables) {
    // Nor vertical metrics: text is set horizontally, and fontkit reads vmtx only for a glyph's
    // advanceHeight and topBearing, which neither the layout nor a PDF font takes.
    if (tag === 'glyf' || tag === 'vmtx') continue;
    // Only post's header is read: renderers ask for isFixedPitch and italicAngle, not glyph names.
    filled.place(offset, tag === 'post' ? Math.min(length, 32) : tag === 'CFF ' ? Math.min(length, 4) : length);
  }
  filled.flush();
  const cff = tables.get('CFF ');
  const glyf = tables.get('glyf');
  const loca = tables.get('loca');
  const head = tables.get('head');
  let glyphRange: (id: number) => TableRecord | undefined;
  /** Whether fontkit decodes this outline from the font's bytes, so it must be in place too. */
  let decodedInPlace: (outline: Uint8Array) => boolean;
  if (cff) {
    const charStrings = cffCharStrings(cff, filled, view);
    glyphRange = charStrings.glyphRange;
    // fontkit's subsetter parses every charstring kept when the font has subroutines, to keep those called.
    decodedInPlace = () => charStrings.subroutines;
  } else if (glyf && loca && head) {
    const longOffsets = bytes.readInt16BE(head.offset + 50) === 1;
    const count = loca.length / (longOffsets ? 4 : 2) - 1;
    const locaAt = (id: number) => (longOffsets ? view.getUint32(loca.offset + 4 * id) : 2 * view.getUint16(loca.offset + 2 * id));
    glyphRange = (id) => (id < count ? { offset: glyf.offset + locaAt(id), length: locaAt(id + 1) - locaAt(id) } : undefined);
    // fontkit's subsetter decodes a composite glyph to renumber its components, and every glyph
    // of a variable font (gvar) to apply the variation.
    decodedInPlace = tables.has('gvar') ? () => true : isComposite;
  } else {
    return whole(file);
  }

  const outlines = new Map<number, Uint8Array>();
  // Indexed loops and forEach: the renderer runs unoptimised (bin/bulletin.js), where each
  // for…of step is an iterator result and each destructured pair an array iterator.
  const readGlyphs = (ids: { forEach(each: (id: number) => void): void }) => {
    const wantedIds: number[] = [];
    const wantedRanges: TableRecord[] = [];
    let total = 0;
    ids.forEach((id) => {
      if (outlines.has(id)) return;
      const range = glyphRange(id);
      if (!range) return;
      wantedIds.push(id);
      wantedRanges.push(range);
      outlines.set(id, EMPTY);
      total += range.length;
    });
    const into = uncountedBuffer(total);
    let at = 0;
    for (let i = 0; i < wantedIds.length; i++) {
      const outline = into.subarray(at, (at += wantedRanges[i].length));
      outlines.set(wantedIds[i], outline);
      filled.want(wantedRanges[i].offset, outline);
    }
    try {
      filled.flush();
    } catch (error) {
      // Not read: a later call (watch's next rebuild) reads them again, instead of taking them as read.
      for (let i = 0; i < wantedIds.length; i++) outlines.delete(wantedIds[i]);
      throw error;
    }
    const parts: number[] = [];
    for (let i = 0; i < wantedIds.length; i++) {
      const outline = outlines.get(wantedIds[i])!;
      if (!decodedInPlace(outline)) continue;
      bytes.set(outline, wantedRanges[i].offset);
      if (!cff) for (const part of compositeComponents(outline)) if (!outlines.has(part)) parts.push(part);
    }
    if (parts.length > 0) readGlyphs(parts);
  };
  readGlyphs([0]);
  const post = tables.get('post');
  const needed = new Set<number>();
  return {
    bytes,
    directory: tables,
    needGlyphs: (ids) => {
      // Indexed: unoptimised, a for…of allocates a result object a step, and this runs for each piece measured.
      for (let i = 0; i < ids.length; i++) if (!outlines.has(ids[i])) needed.add(ids[i]);
    },
    readOutlines: () => {
      readGlyphs(needed);
      needed.clear();
    },
    outline: (id) => outlines.get(id),
    ...(post && post.length >= 16 ? { post: { italicAngle: bytes.readInt32BE(post.offset + 4) / 65536, isFixedPitch: bytes.readUInt32BE(post.offset + 12) } } : {}),
  };
}

const EMPTY = new Uint8Array(0);

/**
 * Read the whole CFF table but the charstrings' data, and return where each glyph's charstring
 * is (CFF, Adobe TN #5176: header, Name INDEX, Top DICT INDEX whose CharStrings operator 17
 * gives the CharStrings INDEX's offset), and whether the font has subroutines: global ones (the
 * Global Subr INDEX after the String INDEX) or local ones (Subrs, 19, in the Private DICT, 18, of
 * the Top DICT or of a CID font's Font DICTs, FDArray 12 36).
 */
function cffCharStrings(table: TableRecord, filled: Reads, view: DataView): { glyphRange: (id: number) => TableRecord | undefined; subroutines: boolean } {
  const start = table.offset;
  const end = start + table.length;
  // The header, Name and Top DICT INDEXes come first and are small.
  filled.place(start, Math.min(table.length, 65536));
  filled.flush();
  const nameIndex = start + view.getUint8(start + 2);
  const topDictIndex = indexEnd(view, nameIndex);
  const topDict = indexEntry(view, topDictIndex, 0);
  const charStrings = start + lastOperand(dictOperands(view, topDict, 17), 17);
  filled.place(charStrings, 3);
  filled.flush();
  const count = view.getUint16(charStrings);
  const offSize = view.getUint8(charStrings + 2);
  filled.place(charStrings + 3, (count + 1) * offSize);
  filled.flush();
  const dataStart = charStrings + 3 + (count + 1) * offSize;
  const dataEnd = indexEnd(view, charStrings);
  filled.place(start, dataStart - start);
  filled.place(dataEnd, end - dataEnd);
  filled.flush();
  /** A structure this reader follows must not lie among the charstrings, which were not read. */
  const read = (record: TableRecord) => {
    if (record.offset < dataEnd && record.offset + record.length > dataStart) throw new RangeError('a CFF structure among the charstrings');
    return record;
  };
  const globalSubrs = indexEnd(view, indexEnd(view, topDictIndex));
  read({ offset: globalSubrs, length: 2 });
  const hasLocalSubrs = (fontDict: TableRecord) => {
    const privateDict = dictOperands(view, read(fontDict), 18);
    if (!privateDict || privateDict.length < 2) return false;
    const [length, offset] = privateDict.slice(-2);
    if (length === undefined || offset === undefined) return false;
    return dictOperands(view, read({ offset: start + offset, length }), 19) !== undefined;
  };
  const fdArray = dictOperands(view, topDict, 1236);
  let subroutines = view.getUint16(globalSubrs) > 0 || hasLocalSubrs(topDict);
  if (fdArray) {
    const fontDicts = start + lastOperand(fdArray, 1236);
    read({ offset: fontDicts, length: 3 });
    for (let i = 0; i < view.getUint16(fontDicts) && !subroutines; i++) subroutines = hasLocalSubrs(read(indexEntry(view, fontDicts, i)));
  }
  return { glyphRange: (id) => (id < count ? indexEntry(view, charStrings, id) : undefined), subroutines };
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

/**
 * The operands of `operator` (12 x as 1200 + x) in a CFF DICT (TN #5176 §4); none when the DICT
 * lacks it. Integers come back as small integers, not heap numbers, or every offset derived from
 * one (the charstrings', each glyph's) would be a heap number too, and unoptimised code
 * (bin/bulletin.js runs --no-opt) allocates a new one at every sum and every read of a field
 * holding one (FandolFang: ≈1.5 MB of a build of issue 218). So the DataView reads them (Buffer's
 * readInt32BE computes with 2 ** 24), no sum passes through -0 (`-(b0 - 251) * 256` did, for b0
 * 251), and a real is undefined, never an offset: one heap number or NaN makes the whole array
 * one of doubles, whose integers read back as heap numbers.
 */
export function dictOperands(view: DataView, dict: TableRecord, operator: number): (number | undefined)[] | undefined {
  const to = dict.offset + dict.length;
  const operands: (number | undefined)[] = [];
  for (let i = dict.offset; i < to; ) {
    const b0 = view.getUint8(i);
    if (b0 <= 21) {
      const op = b0 === 12 ? 1200 + view.getUint8(i + 1) : b0;
      if (op === operator) return operands;
      operands.length = 0;
      i += b0 === 12 ? 2 : 1;
    } else if (b0 === 28) {
      operands.push(view.getInt16(i + 1));
      i += 3;
    } else if (b0 === 29) {
      operands.push(view.getInt32(i + 1));
      i += 5;
    } else if (b0 === 30) {
      operands.push(undefined);
      i++;
      while (i < to && (view.getUint8(i) & 0x0f) !== 0x0f && (view.getUint8(i) & 0xf0) !== 0xf0) i++;
      i++;
    } else if (b0 <= 246) {
      operands.push(b0 - 139);
      i++;
    } else if (b0 <= 250) {
      operands.push((b0 - 247) * 256 + view.getUint8(i + 1) + 108);
      i += 2;
    } else {
      operands.push((251 - b0) * 256 - view.getUint8(i + 1) - 108);
      i += 2;
    }
  }
  return undefined;
}

/** An offset operand, which a font that has the operator must give. */
function lastOperand(operands: (number | undefined)[] | undefined, operator: number): number {
  const last = operands?.[operands.length - 1];
  if (last === undefined || !Number.isInteger(last)) throw new Error(`the CFF DICT has no offset for operator ${operator}`);
  return last;
}

/** Whether a glyf entry is a composite glyph: a negative numberOfContours (OpenType glyf). */
function isComposite(outline: Uint8Array): boolean {
  return outline.length >= 10 && (outline[0] & 0x80) !== 0;
}

/** The glyphs a TrueType composite glyph is made of (OpenType glyf: composite glyph description). */
function compositeComponents(outline: Uint8Array): number[] {
  if (!isComposite(outline)) return [];
  const view = new DataView(outline.buffer, outline.byteOffset, outline.length);
  const ids: number[] = [];
  let flags: number;
  let at = 10;
  do {
    flags = view.getUint16(at);
    ids.push(view.getUint16(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    at += flags & 0x0008 ? 2 : flags & 0x0040 ? 4 : flags & 0x0080 ? 8 : 0;
  } while (flags & 0x0020 && at + 4 <= outline.length);
  return ids;
}

/**
 * Collects the byte ranges wanted, each with the buffer it goes into, and reads them in order:
 * ranges less than MERGE_GAP apart in one scattered read, the bytes between into scratch.
 */
class Reads {
  private wanted: { offset: number; into: Uint8Array }[] = [];
  constructor(
    private readonly file: RangedFile,
    private readonly bytes: Buffer,
  ) {}

  /** Read `length` bytes at `offset` into the font's bytes, in place. */
  place(offset: number, length: number): void {
    if (length > 0) this.want(offset, this.bytes.subarray(offset, offset + length));
  }

  want(offset: number, into: Uint8Array): void {
    if (into.length > 0) this.wanted.push({ offset, into });
  }

  flush(): void {
    const sorted = this.wanted.sort((a, b) => a.offset - b.offset);
    this.wanted = [];
    let start = 0;
    let end = 0;
    let parts: Uint8Array[] = [];
    for (const { offset, into } of sorted) {
      if (parts.length > 0 && offset >= end && offset <= end + MERGE_GAP) {
        if (offset > end) parts.push(scratch().subarray(0, offset - end));
      } else if (parts.length > 0 && offset < end) {
        // Overlapping ranges (the header's first reads, glyphs sharing bytes): read on their own.
        this.file.read(offset, [into]);
        continue;
      } else {
        if (parts.length > 0) this.file.read(start, parts);
        start = offset;
        parts = [];
      }
      parts.push(into);
      end = offset + into.length;
    }
    if (parts.length > 0) this.file.read(start, parts);
  }
}

let scratchBuffer: Buffer | undefined;

/** Where the bytes between two wanted ranges are read to: one buffer for every read. */
function scratch(): Buffer {
  scratchBuffer ??= Buffer.allocUnsafe(MERGE_GAP);
  return scratchBuffer;
}
