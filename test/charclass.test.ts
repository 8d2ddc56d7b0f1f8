import { classify, classifyCodePoint, isSeveralCharacters } from '../src/layout/charclass.js';

describe('classify', () => {
  test('marks by their class, Latin below U+2000, everything else Han', () => {
    const chars = ['“', '」', '，', '·', '℃', '～', '—', '…', ' ', '\t', '\u00a0', 'a', '1', 'é', '中', '𠀀', ''];
    expect(chars.map(classify)).toEqual(['open', 'close', 'stop', 'middle', 'unit', 'connector', 'dash', 'ellipsis', 'space', 'space', 'latin', 'latin', 'latin', 'latin', 'han', 'han', 'han']);
  });

  test('every CJK Unified Ideograph is han', () => {
    const ideographs = Array.from({ length: 0x9fff - 0x4e00 + 1 }, (_, i) => 0x4e00 + i);
    expect(new Set(ideographs.map(classifyCodePoint))).toEqual(new Set(['han']));
  });

  test('a code point classifies as its character does', () => {
    expect([0x201c, 0x00b7, 0x0041, 0x4e2d, 0x20000].map(classifyCodePoint)).toEqual(['open', 'middle', 'latin', 'han', 'han']);
  });
});

test('isSeveralCharacters: a word is, a letter, a Han character and a surrogate pair are not', () => {
  expect(['ab', 'a', '', '中', '𠀀', '𠀀a', '中文'].map(isSeveralCharacters)).toEqual([true, false, false, false, false, true, true]);
});
