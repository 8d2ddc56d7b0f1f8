import { tableDirectory, tag, viewOf, type TableRecord } from './tables.js';

/**
 * Words of printable ASCII shaped from the font's GSUB and GPOS bytes, with the result fontkit's
 * `font.layout` gives, for fonts whose lookups are of the kinds test/shaping.test.ts compares with
 * fontkit on the bundled fonts: ligature substitution and pair positioning by glyph pairs, no
 * lookup flags, no mark glyph classes. Other kinds (single substitution or positioning, pair
 * positioning by classes, marks) are left to fontkit until a font with them is tested. fontkit builds a
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
 * not skip the second glyph.
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
const LIGATURE_SUBSTITUTION = 4;
const PAIR_POSITIONING = 2;

interface Lookup {
  subtables: number[];
}

/** The lookups a script's words get from one table, in the order they run; undefined for a kind this reader does not apply. */
interface TablePlan {
  lookups: Lookup[];
  features: Set<string>;
}

/** `tables`: the file's table directory, when the caller has it already. */
export function wordShaper(bytes: Buffer, glyphId: (codePoint: number) => number | undefined, advance: (glyphId: number) => number, tables = tableDirectory(viewOf(bytes))): WordShaper | undefined {
  const view = viewOf(bytes);
  const gsub = tables?.get('GSUB');
  const gpos = tables?.get('GPOS');
  // AAT shaping (morx), font variations and a font shaped without GPOS follow other paths in fontkit.
  if (!tables || !gsub || !gpos || tables.has('morx') || tables.has('fvar')) return undefined;
  if (!within(view, gsub) || !within(view, gpos)) return undefined;
  // Marks (GDEF glyph class 3) lose their advance in fontkit: a font that has glyph classes is fontkit's.
  const gdef = tables.get('GDEF');
  if (gdef && (!within(view, gdef) || view.getUint16(gdef.offset + 4) !== 0)) return undefined;
  const hasKernTable = tables.has('kern');
  const plans = new Map<string, { gsub: TablePlan; gpos: TablePlan } | undefined>();
  const planFor = (script: string) => {
    if (!plans.has(script)) {
      const substitutions = tablePlan(view, gsub.offset, script, [LIGATURE_SUBSTITUTION]);
      const positions = tablePlan(view, gpos.offset, script, [PAIR_POSITIONING]);
      // Without kern among GPOS's features fontkit kerns from the kern table instead.
      const usable = substitutions && positions && (positions.features.has('kern') || !hasKernTable);
      plans.set(script, usable ? { gsub: substitutions, gpos: positions } : undefined);
    }
    return plans.get(script);
  };
  const search = new SortedSearch(view);

  return {
    shape(word) {
      try {
        return shapeWord(word);
      } catch {
        // A table offset out of bounds (a damaged font): fontkit's own reading decides what it is.
        return undefined;
      }
    },
  };

  function shapeWord(word: string): ShapedWord | undefined {
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
        for (const subtable of lookup.subtables) if (substituteLigature(view, search, subtable, ids, codePoints, i)) break;
      }
    }
    const xAdvances = ids.map(advance);
    const xOffsets = ids.map(() => 0);
    const yOffsets = ids.map(() => 0);
    for (const lookup of plan.gpos.lookups) {
      for (let i = 0; i < ids.length; i++) {
        for (const subtable of lookup.subtables) {
          const applied = positionPair(view, search, subtable, ids, i, xAdvances, xOffsets, yOffsets);
          if (applied === undefined) return undefined;
          if (applied) break;
        }
      }
    }
    const offsets = new Map<number, readonly [number, number]>();
    for (let i = 0; i < ids.length; i++) if (xOffsets[i] || yOffsets[i]) offsets.set(i, [xOffsets[i], yOffsets[i]]);
    return offsets.size > 0 ? { ids, codePoints, xAdvances, offsets } : { ids, codePoints, xAdvances };
  }
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
    lookups.push({ subtables });
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

/** GSUB lookup type 4 (ligature) at glyph `i`; whether the subtable applied. */
function substituteLigature(view: DataView, search: SortedSearch, subtable: number, ids: number[], codePoints: number[][], i: number): boolean {
  const index = search.coverageIndex(subtable + view.getUint16(subtable + 2), ids[i]);
  if (index < 0) return false;
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

/** GPOS lookup type 2 (pair) at glyph `i`, by glyph pairs; whether the subtable applied, undefined where fontkit must say. */
function positionPair(view: DataView, search: SortedSearch, subtable: number, ids: readonly number[], i: number, xAdvances: number[], xOffsets: number[], yOffsets: number[]): boolean | undefined {
  // Pairs by glyph classes (format 2) are fontkit's (see wordShaper).
  if (view.getUint16(subtable) !== 1) return undefined;
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
  if (i + 1 >= ids.length) return false;
  const index = search.coverageIndex(subtable + view.getUint16(subtable + 2), ids[i]);
  if (index < 0) return false;
  const format1 = view.getUint16(subtable + 4);
  const format2 = view.getUint16(subtable + 6);
  const recordSize = valueSize(format1) + valueSize(format2);
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

function valueSize(valueFormat: number): number {
  let size = 0;
  for (let bit = valueFormat; bit !== 0; bit >>= 1) size += (bit & 1) * 2;
  return size;
}

/**
 * Coverage lookups as fontkit makes them, the first entry that matches, found by
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
