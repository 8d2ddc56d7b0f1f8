/**
 * A font's cmap and hmtx read straight from its bytes. fontkit decodes every cmap entry and hmtx
 * record its binary searches touch into an object through restructure, which for the two
 * thousand characters of a bulletin, unoptimised (bin/bulletin.js runs --no-opt), cost more than
 * the rest of the layout's measuring. The answers are fontkit's: the same subtable, searched the
 * same way; where this reader does not follow the font (no Unicode cmap, a cmap format other than
 * 4 or 12, not a plain TrueType or OpenType file), fontkit is asked instead.
 */
export interface DirectTables {
  /** The glyph id fontkit's cmap lookup gives the code point (0: none); undefined where fontkit must answer. */
  glyphId(codePoint: number): number | undefined;
  /** The glyph's advance from hmtx, in font units (the last record's advance repeats for the glyphs after it). */
  advance(glyphId: number): number;
}

export interface TableRecord {
  offset: number;
  length: number;
}

/** The Unicode cmap subtables in the order fontkit picks them (its CmapProcessor): [platform, encoding]. */
const UNICODE_CMAPS = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
] as const;

/** `tables`: the file's table directory, when the caller has it already. */
export function directTables(bytes: Buffer, tables = tableDirectory(viewOf(bytes))): DirectTables | undefined {
  const view = viewOf(bytes);
  const cmap = tables?.get('cmap');
  const hhea = tables?.get('hhea');
  const hmtx = tables?.get('hmtx');
  if (!cmap || !hhea || !hmtx) return undefined;
  if (cmap.offset + 4 > view.byteLength || hhea.offset + 36 > view.byteLength) return undefined;
  const subtable = unicodeSubtable(view, cmap.offset);
  const lookup = subtable === undefined ? undefined : cmapLookup(view, subtable);
  const metrics = view.getUint16(hhea.offset + 34);
  if (!lookup || metrics === 0 || hmtx.offset + 4 * metrics > view.byteLength) return undefined;
  return {
    glyphId: lookup,
    advance: (glyphId) => view.getUint16(hmtx.offset + 4 * Math.min(glyphId, metrics - 1)),
  };
}

/** A DataView's reads are built into V8; Buffer's readUInt16BE and kin are JavaScript that, unoptimised, allocate on every call. */
export function viewOf(bytes: Buffer): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Where each table lies, for a TrueType or OpenType file; undefined for any other. */
export function tableDirectory(view: DataView): Map<string, TableRecord> | undefined {
  if (view.byteLength < 12) return undefined;
  const version = view.getUint32(0);
  if (version !== 0x00010000 && version !== 0x4f54544f /* OTTO */ && version !== 0x74727565 /* true */) return undefined;
  const count = view.getUint16(4);
  if (12 + 16 * count > view.byteLength) return undefined;
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < count; i++) {
    const at = 12 + 16 * i;
    tables.set(tag(view, at), { offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

/** The four-character tag at `at` (a table's, a script's, a feature's). */
export function tag(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** Offset of the first Unicode subtable in fontkit's order. */
function unicodeSubtable(view: DataView, cmap: number): number | undefined {
  const count = view.getUint16(cmap + 2);
  if (cmap + 4 + 8 * count > view.byteLength) return undefined;
  for (const [platform, encoding] of UNICODE_CMAPS) {
    for (let i = 0; i < count; i++) {
      const record = cmap + 4 + 8 * i;
      if (view.getUint16(record) === platform && view.getUint16(record + 2) === encoding) {
        const table = cmap + view.getUint32(record + 4);
        return table + 16 <= view.byteLength ? table : undefined;
      }
    }
  }
  return undefined;
}

/** fontkit's lookup of formats 4 (segments, OpenType cmap §Format 4) and 12 (groups, §Format 12); undefined for a subtable reaching past the file's end. */
function cmapLookup(view: DataView, table: number): ((codePoint: number) => number | undefined) | undefined {
  const format = view.getUint16(table);
  if (format === 4) {
    const length = view.getUint16(table + 2);
    const segments = view.getUint16(table + 6) >> 1;
    const endCode = table + 14;
    const startCode = endCode + 2 * segments + 2;
    const idDelta = startCode + 2 * segments;
    const idRangeOffset = idDelta + 2 * segments;
    const glyphIds = idRangeOffset + 2 * segments;
    const glyphIdCount = (length - (glyphIds - table)) / 2;
    if (table + length > view.byteLength || glyphIdCount < 0) return undefined;
    return (codePoint) => {
      let min = 0;
      let max = segments - 1;
      while (min <= max) {
        const mid = (min + max) >> 1;
        const start = view.getUint16(startCode + 2 * mid);
        if (codePoint < start) max = mid - 1;
        else if (codePoint > view.getUint16(endCode + 2 * mid)) min = mid + 1;
        else {
          const delta = view.getInt16(idDelta + 2 * mid);
          const rangeOffset = view.getUint16(idRangeOffset + 2 * mid);
          if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
          const index = rangeOffset / 2 + (codePoint - start) - (segments - mid);
          // Outside the glyph id array fontkit reads nothing (0); an odd offset, it cannot say.
          if (!Number.isInteger(index)) return undefined;
          const id = index >= 0 && index < glyphIdCount ? view.getUint16(glyphIds + 2 * index) : 0;
          return id === 0 ? 0 : (id + delta) & 0xffff;
        }
      }
      return 0;
    };
  }
  if (format === 12) {
    const groups = view.getUint32(table + 12);
    if (table + 16 + 12 * groups > view.byteLength) return undefined;
    return (codePoint) => {
      let min = 0;
      let max = groups - 1;
      while (min <= max) {
        const mid = (min + max) >> 1;
        const group = table + 16 + 12 * mid;
        const start = view.getUint32(group);
        if (codePoint < start) max = mid - 1;
        else if (codePoint > view.getUint32(group + 4)) min = mid + 1;
        else return view.getUint32(group + 8) + (codePoint - start);
      }
      return 0;
    };
  }
  return undefined;
}
