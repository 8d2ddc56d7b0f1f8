/**
 * Character classes for line breaking and spacing, after clreq §3.1 (punctuation) and
 * GB/T 15834-2011.
 */
export type CharClass =
  | 'han' // ideographs and other full-width signs
  | 'open' // opening brackets and quotes: never at a line end (clreq 3.1.7)
  | 'connector' // ～ – －: never at a line start (clreq 3.1.7, connectors)
  | 'close' // closing brackets and quotes: never at a line start
  | 'stop' // 、，。：；！？ : never at a line start
  | 'middle' // interpuncts: never at a line start
  | 'dash' // — : ―― is one unit, never split (GB/T 15834 4.9)
  | 'ellipsis' // … : …… is one unit, never split (GB/T 15834 4.11)
  | 'unit' // ℃ ‰ after a number: never split from it
  | 'latin' // Latin letters, digits, ASCII signs: set in the Latin face, words unbroken
  | 'space'; // a Latin word space

/** The marks of each class by code point: a line's every character is classified. */
const MARKS = new Map<number, CharClass>([
  ...marks('“‘（〔【《〈「『［｛〖〘', 'open'),
  ...marks('”’）〕】》〉」』］｝〗〙', 'close'),
  ...marks('、，。．：；！？', 'stop'),
  ...marks('·・', 'middle'),
  ...marks('℃‰℉％', 'unit'),
  ...marks('～–－〜', 'connector'),
  ...marks('—', 'dash'),
  ...marks('…', 'ellipsis'),
  ...marks(' \t', 'space'),
  // A no-break space binds like a letter: it joins the Latin word around it.
  ...marks('\u00a0', 'latin'),
]);

function marks(chars: string, cls: CharClass): [number, CharClass][] {
  return [...chars].map((ch) => [ch.codePointAt(0)!, cls]);
}

export function classify(ch: string): CharClass {
  return ch === '' ? 'han' : classifyCodePoint(ch.codePointAt(0)!);
}

export function classifyCodePoint(cp: number): CharClass {
  // Most characters of a text are CJK Unified Ideographs (U+4E00–9FFF), where MARKS has none.
  if (cp >= 0x4e00 && cp <= 0x9fff) return 'han';
  return MARKS.get(cp) ?? (cp < 0x2000 ? 'latin' : 'han');
}

/**
 * Where the piece of `text` that starts at `i` ends: after one character, or after a Latin word
 * (a run of Latin characters). `joinSpaces`: a run of spaces is one piece too, as the layout
 * measures it (one space); the drawn text has one space where the layout measured such a run.
 */
export function pieceEnd(text: string, i: number, cls: CharClass, joinSpaces: boolean): number {
  let j = i + codeUnits(text.codePointAt(i)!);
  if (cls !== 'latin' && !(joinSpaces && cls === 'space')) return j;
  while (j < text.length) {
    const cp = text.codePointAt(j)!;
    if (classifyCodePoint(cp) !== cls) break;
    j += codeUnits(cp);
  }
  return j;
}

/** UTF-16 code units of a code point: 2 beyond the Basic Multilingual Plane. */
export function codeUnits(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/** More than one character: a Latin word, not a letter (a surrogate pair is one character). */
export function isSeveralCharacters(text: string): boolean {
  return text.length > 2 || (text.length === 2 && text.codePointAt(0)! <= 0xffff);
}

/** Punctuation whose glyph fills half its em box, the other half being blank (clreq 3.1.6). */
export function isHalfBlankPunctuation(cls: CharClass): boolean {
  return cls === 'open' || cls === 'close' || cls === 'stop';
}

/** A mark that may not begin a line (clreq 3.1.7, line-start prohibition); …… follows what it elides. */
export function forbidsLineStart(cls: CharClass | 'marker'): boolean {
  return cls === 'close' || cls === 'stop' || cls === 'middle' || cls === 'unit' || cls === 'ellipsis' || cls === 'connector' || cls === 'marker';
}

/** A mark that may not end a line (clreq 3.1.7, line-end prohibition). */
export function forbidsLineEnd(cls: CharClass | 'marker'): boolean {
  return cls === 'open';
}
