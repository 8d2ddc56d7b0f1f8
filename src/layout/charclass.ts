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

const OPEN = new Set('“‘（〔【《〈「『［｛〖〘');
const CLOSE = new Set('”’）〕】》〉」』］｝〗〙');
const STOP = new Set('、，。．：；！？');
const MIDDLE = new Set('·・');
const UNIT = new Set('℃‰℉％');
const CONNECTOR = new Set('～–－〜');

export function classify(ch: string): CharClass {
  if (ch === ' ' || ch === '\t') return 'space';
  // A no-break space binds like a letter: it joins the Latin word around it.
  if (ch === '\u00a0') return 'latin';
  if (CONNECTOR.has(ch)) return 'connector';
  if (OPEN.has(ch)) return 'open';
  if (CLOSE.has(ch)) return 'close';
  if (STOP.has(ch)) return 'stop';
  if (MIDDLE.has(ch)) return 'middle';
  if (ch === '—') return 'dash';
  if (ch === '…') return 'ellipsis';
  if (UNIT.has(ch)) return 'unit';
  const cp = ch.codePointAt(0)!;
  if (cp < 0x2000 && cp !== 0x00b7) return 'latin';
  return 'han';
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
