// The slice of fontkit 2 that bulletin uses; fontkit ships no type declarations.
declare module 'fontkit' {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    codePoints: number[];
  }
  export interface GlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }
  export interface GlyphRun {
    glyphs: Glyph[];
    positions: GlyphPosition[];
    advanceWidth: number;
  }
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    ascent: number;
    descent: number;
    numGlyphs: number;
    characterSet: number[];
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(glyphId: number, codePoints?: number[]): Glyph;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
    fonts?: Font[];
    createSubset(): Subset;
  }
  export interface Subset {
    includeGlyph(glyphId: number): number;
    encode(): Uint8Array;
  }
  export function create(buffer: Buffer | Uint8Array, postscriptName?: string): Font;
}
