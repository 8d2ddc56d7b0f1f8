import { hyphenationPoints, tokenBreaks as breaksWith } from '../src/layout/tokenbreak.js';
import { TOKEN_BREAKS } from './fakefonts.js';

const tokenBreaks = (token: string) => breaksWith(token, TOKEN_BREAKS);

/** The token with its level-1 points marked | (and - where a hyphen is drawn). */
function ownPoints(token: string): string {
  const breaks = tokenBreaks(token);
  return [...token].map((ch, i) => (breaks.get(i)?.level === 1 ? (breaks.get(i)!.hyphen ? '-' : '|') : '') + ch).join('');
}

describe('tokenBreaks: where a token that does not fit may break (FORMAT.md §2)', () => {
  test('a URL after / . - ? & =, never inside // nor with a hyphen', () => {
    expect(ownPoints('https://www.w3.org/TR/clreq/')).toBe('https://|www.|w3.|org/|TR/|clreq/');
    expect(ownPoints('www.example.org/path?q=1&r=2')).toBe('www.|example.|org/|path?|q=|1&|r=|2');
    expect([...tokenBreaks('https://a.b').values()].some((b) => b.hyphen)).toBe(false);
    // the marks are the template's (typography.token_breaks.url_after)
    expect([...breaksWith('https://a.b/c', { ...TOKEN_BREAKS, urlAfter: '/' })].filter(([, b]) => b.level === 1).map(([at]) => at)).toEqual([8, 12]);
  });

  test('an English word at its hyphenation points (en-us patterns), with a hyphen', () => {
    expect(ownPoints('Supercalifragilisticexpialidocious')).toBe('Su-per-cal-ifrag-ilis-tic-ex-pi-ali-do-cious');
    expect(ownPoints('characterization')).toBe('char-ac-ter-i-za-tion');
  });

  test('after an explicit hyphen or slash, without a hyphen; a decimal point is no break', () => {
    expect(ownPoints('PDF/A-2b')).toBe('PDF/|A-|2b');
    expect(ownPoints('1.4L/kWh')).toBe('1.4L/|kWh');
  });

  test('every other boundary: any character of a non-word (2), inside a word only as a last resort (3)', () => {
    const digits = tokenBreaks('12345');
    expect([...digits.entries()]).toEqual([1, 2, 3, 4].map((i) => [i, { level: 2, hyphen: false }]));
    expect(tokenBreaks('abcd').get(2)).toEqual({ level: 3, hyphen: false });
  });

  test('hyphenation keeps two letters before and three after, and leaves words under five letters alone', () => {
    expect(hyphenationPoints('hyphenation', TOKEN_BREAKS)).toEqual([2, 6]);
    expect(hyphenationPoints('into', TOKEN_BREAKS)).toEqual([]);
  });
});
