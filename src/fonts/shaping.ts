import { tableDirectory, type TableRecord } from './tables.js';

/**
 * Words of printable ASCII shaped from the font's GSUB, GPOS and GDEF bytes, with the result
 * fontkit's `font.layout` gives, for fonts whose lookups are of the kinds a Latin text face has:
 * single and ligature substitution, single and pair positioning, no lookup flags. fontkit builds a
 * glyph run, a glyph-info object a glyph with a feature object each, and decodes each table it
 * touches through restructure; unoptimised (bin/bulletin.js runs --no-opt) that cost about a
 * millisecond a word of issue 218, a fifth of the layout. Anything else, or any font this reader
 * does not follow, is left to fontkit (undefined).
 *
 * What fontkit does, and so this reader (fontkit 2.0.4, src/layout/LayoutEngine.js and
 * src/opentype): the script is `latn` for a word with a Latin letter, else `zzzz` (Unknown), and a
 * script the table lacks falls back to DFLT, dflt, latn in that order; the script's default
 * language system gives the features; the default shaper's features are all global but frac,
 * numr and dnom, which only glyphs around U+2044 carry; the features' lookups run in lookup-list
 * order, each over every glyph, its subtables tried until one applies; a pair adjustment does
 * not skip the second glyph; marks (GDEF class 3) lose their advance after positioning.
 */
export interface ShapedWord {
  ids: number[];
  /** The characters of each glyph (several for a ligature). */
  codePoints: number[][];
  xAdvances: number[];
  /** Glyph offsets [x, y] where positioning moved a glyph. */
  offsets?: Map<number, readonly [number, number]>;
}

export interface WordShaper {
  /** The word shaped, or undefined where fontkit must shape it. */
  shape(word: string): ShapedWord | undefined;
}

/** The default shaper's global features (fontkit's DefaultShaper), in its order. */
const GLOBAL_FEATURES = ['rvrn', 'ltra', 'ltrm', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];
const FALLBACK_SCRIPTS = ['DFLT', 'dflt', 'latn'];

interface Lookup {
  type: number;
  subtables: number[];
}

/** The lookups a script's words get from one table, in the order they run; undefined for a kind this reader does not apply. */
interface TablePlan {
  lookups: Lookup[];
  features: Set<string>;
}

export function wordShaper(bytes: Buffer, glyphId: (codePoint: number) => number | undefined, advance: (glyphId: number) => number): WordShaper | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableDirectory(view);
  const gsub = tables?.get('GSUB');
  const gpos = tables?.get('GPOS');
  // AAT shaping (morx), font variations and a font shaped without GPOS follow other paths in fontkit.
  if (!tables || !gsub || !gpos || tables.has('morx') || tables.has('fvar')) return undefined;
  if (!within(view, gsub) || !within(view, gpos)) return undefined;
  const gdef = tables.get('GDEF');
  const markClasses = gdef && within(view, gdef) && view.getUint16(gdef.offset + 4) !== 0 ? gdef.offset + view.getUint16(gdef.offset + 4) : undefined;
  const hasKernTable = tables.has('kern');
  const plans = new Map<string, { gsub: TablePlan; gpos: TablePlan } | undefined>();
  const planFor = (script: string) => {
    if (!plans.has(script)) {
      const substitutions = tablePlan(view, gsub.offset, script, [1, 4]);
      const positions = tablePlan(view, gpos.offset, script, [1, 2]);
      // Without kern among GPOS's features fontkit kerns from the kern table instead.
      const usable = substitutions && positions && (positions.features.has('kern') || !hasKernTable);
      plans.set(script, usable ? { gsub: substitutions, gpos: positions } : undefined);
    }
    return plans.get(script);
  };
  const search = new SortedSearch(view);

  return {
    shape(word) {
      let latin = false;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        if (c < 0x21 || c > 0x7e) return undefined;
        if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin = true;
      }
      const plan = planFor(latin ? 'latn' : 'zzzz');
      if (!plan) return undefined;
      const ids: number[] = [];
      const codePoints: number[][] = [];
      for (let i = 0; i < word.length; i++) {
        const id = glyphId(word.charCodeAt(i));
        if (id === undefined) return undefined;
        ids.push(id);
        codePoints.push([word.charCodeAt(i)]);
      }
      for (const lookup of plan.gsub.lookups) {
        for (let i = 0; i < ids.length; i++) {
          for (const subtable of lookup.subtables) if (substitute(view, search, lookup.type, subtable, ids, codePoints, i)) break;
        }
      }
      const xAdvances = ids.map(advance);
      const xOffsets = ids.map(() => 0);
      const yOffsets = ids.map(() => 0);
      for (const lookup of plan.gpos.lookups) {
        for (let i = 0; i < ids.length; i++) {
          for (const subtable of lookup.subtables) {
            const applied = position(view, search, lookup.type, subtable, ids, i, xAdvances, xOffsets, yOffsets);
            if (applied === undefined) return undefined;
            if (applied) break;
          }
        }
      }
      if (markClasses !== undefined) for (let i = 0; i < ids.length; i++) if (search.classOf(markClasses, ids[i]) === 3) xAdvances[i] = 0;
      const offsets = new Map<number, readonly [number, number]>();
      for (let i = 0; i < ids.length; i++) if (xOffsets[i] || yOffsets[i]) offsets.set(i, [xOffsets[i], yOffsets[i]]);
      return offsets.size > 0 ? { ids, codePoints, xAdvances, offsets } : { ids, codePoints, xAdvances };
    },
  };
}

function within(view: DataView, table: TableRecord): boolean {
  return table.offset + table.length <= view.byteLength && table.length >= 10;
}

/**
 * The lookups of the default shaper's features for `script`'s default language system, sorted
 * by lookup index as fontkit sorts them (a lookup two features share runs twice); undefined
 * when one of them is of a type outside `types` or has lookup flags.
 */
function tablePlan(view: DataView, table: number, script: string, types: readonly number[]): TablePlan | undefined {
  const scriptList = table + view.getUint16(table + 4);
  const featureList = table + view.getUint16(table + 6);
  const lookupList = table + view.getUint16(table + 8);
  const scriptTable = findScript(view, scriptList, script) ?? FALLBACK_SCRIPTS.map((tag) => findScript(view, scriptList, tag)).find((found) => found !== undefined);
  // Without a script to fall back on, fontkit keeps the one it chose for the text before.
  if (scriptTable === undefined) return undefined;
  const features = new Map<string, number>();
  const langSysOffset = view.getUint16(scriptTable);
  if (langSysOffset !== 0) {
    const langSys = scriptTable + langSysOffset;
    const count = view.getUint16(langSys + 4);
    for (let i = 0; i < count; i++) {
      const record = featureList + 2 + 6 * view.getUint16(langSys + 6 + 2 * i);
      features.set(tag(view, record), featureList + view.getUint16(record + 4));
    }
  }
  const indices: number[] = [];
  for (const name of GLOBAL_FEATURES) {
    const feature = features.get(name);
    if (feature === undefined) continue;
    const count = view.getUint16(feature + 2);
    for (let i = 0; i < count; i++) indices.push(view.getUint16(feature + 4 + 2 * i));
  }
  indices.sort((a, b) => a - b);
  const lookups: Lookup[] = [];
  for (const index of indices) {
    const lookup = lookupList + view.getUint16(lookupList + 2 + 2 * index);
    const type = view.getUint16(lookup);
    if (!types.includes(type) || view.getUint16(lookup + 2) !== 0) return undefined;
    const subtables: number[] = [];
    for (let i = 0; i < view.getUint16(lookup + 4); i++) subtables.push(lookup + view.getUint16(lookup + 6 + 2 * i));
    lookups.push({ type, subtables });
  }
  return { lookups, features: new Set(features.keys()) };
}

function findScript(view: DataView, scriptList: number, script: string): number | undefined {
  const count = view.getUint16(scriptList);
  for (let i = 0; i < count; i++) {
    const record = scriptList + 2 + 6 * i;
    if (tag(view, record) === script) return scriptList + view.getUint16(record + 4);
  }
  return undefined;
}

function tag(view: DataView, at: number): string {
  return String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
}

/** GSUB lookup types 1 (single) and 4 (ligature) at glyph `i`; whether the subtable applied. */
function substitute(view: DataView, search: SortedSearch, type: number, subtable: number, ids: number[], codePoints: number[][], i: number): boolean {
  const format = view.getUint16(subtable);
  const index = search.coverageIndex(subtable + view.getUint16(subtable + 2), ids[i]);
  if (index < 0) return false;
  if (type === 1) {
    if (format === 1) ids[i] = (ids[i] + view.getInt16(subtable + 4)) & 0xffff;
    else if (format === 2) ids[i] = view.getUint16(subtable + 6 + 2 * index);
    return true;
  }
  const ligatureSet = subtable + view.getUint16(subtable + 6 + 2 * index);
  for (let l = 0; l < view.getUint16(ligatureSet); l++) {
    const ligature = ligatureSet + view.getUint16(ligatureSet + 2 + 2 * l);
    const components = view.getUint16(ligature + 2) - 1;
    let matches = i + components < ids.length;
    for (let c = 0; c < components && matches; c++) matches = ids[i + 1 + c] === view.getUint16(ligature + 4 + 2 * c);
    if (!matches) continue;
    ids.splice(i, components + 1, view.getUint16(ligature));
    codePoints.splice(i, components + 1, codePoints.slice(i, i + components + 1).flat());
    return true;
  }
  return false;
}

/** GPOS lookup types 1 (single) and 2 (pair) at glyph `i`; whether the subtable applied, undefined where fontkit must say. */
function position(view: DataView, search: SortedSearch, type: number, subtable: number, ids: readonly number[], i: number, xAdvances: number[], xOffsets: number[], yOffsets: number[]): boolean | undefined {
  const format = view.getUint16(subtable);
  const apply = (glyph: number, valueFormat: number, at: number) => {
    // Value record fields in bit order, int16 each: xPlacement, yPlacement, xAdvance, yAdvance, then four Device offsets.
    if (valueFormat & 1) {
      xOffsets[glyph] += view.getInt16(at);
      at += 2;
    }
    if (valueFormat & 2) {
      yOffsets[glyph] += view.getInt16(at);
      at += 2;
    }
    if (valueFormat & 4) xAdvances[glyph] += view.getInt16(at);
  };
  if (type === 1) {
    const index = search.coverageIndex(subtable + view.getUint16(subtable + 2), ids[i]);
    if (index < 0) return false;
    const valueFormat = view.getUint16(subtable + 4);
    apply(i, valueFormat, format === 1 ? subtable + 6 : subtable + 8 + index * valueSize(valueFormat));
    return true;
  }
  if (i + 1 >= ids.length) return false;
  const index = search.coverageIndex(subtable + view.getUint16(subtable + 2), ids[i]);
  if (index < 0) return false;
  const format1 = view.getUint16(subtable + 4);
  const format2 = view.getUint16(subtable + 6);
  const recordSize = valueSize(format1) + valueSize(format2);
  if (format === 1) {
    const pairSet = subtable + view.getUint16(subtable + 10 + 2 * index);
    for (let p = 0; p < view.getUint16(pairSet); p++) {
      const record = pairSet + 2 + p * (2 + recordSize);
      if (view.getUint16(record) !== ids[i + 1]) continue;
      apply(i, format1, record + 2);
      apply(i + 1, format2, record + 2 + valueSize(format1));
      return true;
    }
    return false;
  }
  const class1 = search.classOf(subtable + view.getUint16(subtable + 8), ids[i]);
  const class2 = search.classOf(subtable + view.getUint16(subtable + 10), ids[i + 1]);
  // A class past the table's records fails in fontkit: its failure is the one to report.
  if (class1 >= view.getUint16(subtable + 12) || class2 >= view.getUint16(subtable + 14)) return undefined;
  const record = subtable + 16 + (class1 * view.getUint16(subtable + 14) + class2) * recordSize;
  apply(i, format1, record);
  apply(i + 1, format2, record + valueSize(format1));
  return true;
}

function valueSize(valueFormat: number): number {
  let size = 0;
  for (let bit = valueFormat; bit !== 0; bit >>= 1) size += (bit & 1) * 2;
  return size;
}

/**
 * Coverage and class lookups as fontkit makes them, the first entry that matches, found by
 * binary search where the table is sorted (checked once a table), by fontkit's linear scan where not.
 */
class SortedSearch {
  /** Whether a table's records are sorted, by its offset and record size. */
  private readonly sorted = new Map<number, boolean>();

  constructor(private readonly view: DataView) {}

  /** Coverage format 1 (a glyph array) or 2 (ranges with start indices); -1 where the glyph is not covered. */
  coverageIndex(coverage: number, glyph: number): number {
    const view = this.view;
    const format = view.getUint16(coverage);
    const count = view.getUint16(coverage + 2);
    if (format === 1) return this.find(coverage, count, 2, glyph);
    if (format !== 2) return -1;
    const range = this.find(coverage, count, 6, glyph);
    if (range < 0) return -1;
    const record = coverage + 4 + 6 * range;
    return view.getUint16(record + 4) + glyph - view.getUint16(record);
  }

  /** ClassDef format 1 (a class array from a start glyph) or 2 (class ranges); 0 for a glyph in none. */
  classOf(classDef: number, glyph: number): number {
    const view = this.view;
    const format = view.getUint16(classDef);
    if (format === 1) {
      const index = glyph - view.getUint16(classDef + 2);
      return index >= 0 && index < view.getUint16(classDef + 4) ? view.getUint16(classDef + 6 + 2 * index) : 0;
    }
    if (format !== 2) return 0;
    const range = this.find(classDef, view.getUint16(classDef + 2), 6, glyph);
    return range < 0 ? 0 : view.getUint16(classDef + 4 + 6 * range + 4);
  }

  /**
   * The first of `count` records of `size` bytes from `table + 4` that holds `glyph`: a glyph id
   * (size 2) or a start–end range (size 6).
   */
  private find(table: number, count: number, size: number, glyph: number): number {
    const view = this.view;
    const start = (k: number) => view.getUint16(table + 4 + size * k);
    const end = (k: number) => (size === 2 ? start(k) : view.getUint16(table + 4 + size * k + 2));
    const key = table * 8 + size;
    let sorted = this.sorted.get(key);
    if (sorted === undefined) {
      sorted = true;
      for (let k = 0; k < count && sorted; k++) sorted = start(k) <= end(k) && (k === 0 || end(k - 1) < start(k));
      this.sorted.set(key, sorted);
    }
    if (!sorted) {
      for (let k = 0; k < count; k++) if (start(k) <= glyph && glyph <= end(k)) return k;
      return -1;
    }
    let low = 0;
    let high = count - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (glyph < start(mid)) high = mid - 1;
      else if (glyph > end(mid)) low = mid + 1;
      else return mid;
    }
    return -1;
  }
}
