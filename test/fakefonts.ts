import type { FaceMetrics, FontBook } from '../src/layout/types.js';
import type { ShapeContext } from '../src/layout/shape.js';

/**
 * A font book with round numbers for exact tests: `han` sets every non-ASCII character 1 em
 * wide, `latin` every ASCII character 0.5 em; `narrow` has only 。 and “ at 0.35 em.
 */
export function fakeFonts(): FontBook {
  const face = (id: string, has: (cp: number) => boolean, em: (ch: string) => number): FaceMetrics => ({
    id,
    has,
    advance: (text) => [...text].reduce((sum, ch) => sum + em(ch), 0),
  });
  return new Map([
    ['han', face('han', (cp) => cp >= 0x80 && cp !== 0x2603, () => 1)],
    ['latin', face('latin', (cp) => cp < 0x80, () => 0.5)],
    ['narrow', face('narrow', (cp) => cp === 0x201c || cp === 0x3002, () => 0.35)],
  ]);
}

const BLACK = [0, 0, 0, 100] as const;

/** xinxi-jijin's token_breaks. */
export const TOKEN_BREAKS = { urlAfter: '/.-?&=', tokenAfter: '-/', hyphen: '-', hyphenLeft: 2, hyphenRight: 3 };

/** Body text 10 pt in `han` with Latin in `latin`; markers 5 pt raised 3 pt. */
export function fakeContext(overrides: Partial<ShapeContext> = {}): ShapeContext {
  return {
    fonts: fakeFonts(),
    fallback: [],
    hanLatinSpace: 0.25,
    hanLatinSpaceEverywhere: true,
    squeezeAdjacentPunctuation: true,
    latinGridMaxChars: Infinity,
    pushInMarks: '',
    pushInLimit: 0,
    tokenBreaks: TOKEN_BREAKS,
    style: (name) =>
      name === 'marker'
        ? { face: 'han', latin: 'latin', size: 5, color: BLACK, rise: 3 }
        : name === 'narrow'
          ? { face: 'narrow', size: 10, color: BLACK, rise: 0 }
          : { face: 'han', latin: 'latin', size: 10, color: BLACK, rise: 0 },
    ...overrides,
  };
}
