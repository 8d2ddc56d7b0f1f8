/** The font program last embedded for each font, with the glyphs it holds: kept between a watch's rebuilds. */
export type SubsetCache = WeakMap<object, EncodedSubset>;

/** A subset's font program, and the glyph ids it holds in subset order. */
export interface EncodedSubset {
  readonly glyphs: readonly number[];
  readonly bytes: Uint8Array;
}

/** What pdfkit asks of a fontkit font's subset (fontkit 2's Subset). */
export interface Subset {
  readonly glyphs: readonly number[];
  includeGlyph(glyphId: number): number;
  encode(): Uint8Array;
}

/**
 * The font as pdfkit embeds it, but its subsets encode through `encode`, which is given the
 * subset (pdfkit adds glyphs through the view, which reach the subset's own glyph list and
 * mapping) and may take bytes it already has for the subset's glyphs instead of encoding it.
 */
export function encodingThrough(font: object, encode: (subset: Subset) => Uint8Array): object {
  const fontkitFont = font as { createSubset(): Subset };
  return Object.create(font, {
    createSubset: {
      value: (): Subset => {
        const subset = fontkitFont.createSubset();
        return Object.create(subset, { encode: { value: () => encode(subset) } }) as Subset;
      },
    },
  });
}

/**
 * The font as pdfkit embeds it, but its subsets encode through `cache`: a subset of the same
 * font with the same glyphs in the same order encodes to the same bytes, so a rebuild after an
 * edit that draws no new glyph takes the last rebuild's font program instead of encoding it
 * again (fontkit's CFF and TrueType subsetting: ≈6 ms of each rebuild of issue 218).
 */
export function rememberingSubsets(font: object, cache: SubsetCache): object {
  return encodingThrough(font, (subset) => {
    const known = cache.get(font);
    if (known && sameGlyphs(subset.glyphs, known.glyphs)) return known.bytes;
    const bytes = subset.encode();
    cache.set(font, { glyphs: [...subset.glyphs], bytes });
    return bytes;
  });
}

/** Whether two subsets hold the same glyphs in the same order, and so encode to the same bytes. */
export function sameGlyphs(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
