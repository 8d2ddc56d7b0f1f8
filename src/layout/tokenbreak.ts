import { createRequire } from 'node:module';

export interface TokenBreak {
  /**
   * 1: the token's own break point (in a URL after / . - ? & =, in a word where it hyphenates);
   * 2: any other character of a token that is no word (a digit run, a URL piece);
   * 3: any other character of a word, only when the word cannot be set otherwise.
   */
  level: 1 | 2 | 3;
  /** A hyphen is drawn at the line end. */
  hyphen: boolean;
}

/** Where a token may break, from the template's typography.token_breaks. */
export interface TokenBreakRules {
  /** A URL breaks after these characters (not inside a run of them): `/ . - ? & =`. */
  urlAfter: string;
  /** Any other token breaks after these: the `/` and `-` of `PDF/A-2b`. */
  tokenAfter: string;
  /** What ends a line broken inside a word at a hyphenation point. */
  hyphen: string;
  /** Hyphenation leaves at least this many letters before the hyphen (TeX's \lefthyphenmin)… */
  hyphenLeft: number;
  /** …and after it (\righthyphenmin). */
  hyphenRight: number;
}

const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i;
const WORD = /[A-Za-z]{2,}/g;

/**
 * Where a Latin token that cannot be set whole may be broken, keyed by the index of the
 * character the new line starts with (FORMAT.md §2, "Never split", [D]): a URL after the
 * template's marks (/ . - ? & =) and a run's last one, without a hyphen (a hyphen would read as
 * part of the URL); an English word at its hyphenation points, with a hyphen; any other token
 * after its own marks (- /); every other character boundary as a last resort, inside a word
 * only when nothing else will do. A decimal point between digits is no break point.
 */
export function tokenBreaks(token: string, rules: TokenBreakRules): Map<number, TokenBreak> {
  const chars = [...token];
  const breaks = new Map<number, TokenBreak>();
  const url = URL_LIKE.test(token);
  for (let i = 1; i < chars.length; i++) {
    const before = chars[i - 1];
    const own = url ? rules.urlAfter.includes(before) && !rules.urlAfter.includes(chars[i]) : rules.tokenAfter.includes(before);
    const decimal = before === '.' && /\d/.test(chars[i - 2] ?? '') && /\d/.test(chars[i]);
    breaks.set(i, { level: own && !decimal ? 1 : 2, hyphen: false });
  }
  if (!url && chars.length === token.length) {
    for (const match of token.matchAll(WORD)) {
      for (let at = 1; at < match[0].length; at++) breaks.set(match.index! + at, { level: 3, hyphen: false });
      for (const at of hyphenationPoints(match[0], rules)) breaks.set(match.index! + at, { level: 1, hyphen: true });
    }
  }
  return breaks;
}

let hyphenate: ((word: string, options: { hyphenChar: string }) => string) | undefined;

/**
 * Indices inside `word` where English hyphenation allows a break; the patterns are loaded on
 * first use, so never for a word too short to have a point.
 */
export function hyphenationPoints(word: string, rules: Pick<TokenBreakRules, 'hyphenLeft' | 'hyphenRight'>): number[] {
  const points: number[] = [];
  if (word.length < rules.hyphenLeft + rules.hyphenRight) return points;
  hyphenate ??= (createRequire(import.meta.url)('hyphen/en-us') as { hyphenateSync: NonNullable<typeof hyphenate> }).hyphenateSync;
  let at = 0;
  for (const piece of hyphenate(word, { hyphenChar: '\u00ad' }).split('\u00ad').slice(0, -1)) {
    at += piece.length;
    if (at >= rules.hyphenLeft && word.length - at >= rules.hyphenRight) points.push(at);
  }
  return points;
}
