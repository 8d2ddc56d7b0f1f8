import { breakLines, type BreakRules } from '../src/layout/linebreak.js';
import { breakParagraph } from '../src/layout/breakparagraph.js';
import { placeLine } from '../src/layout/justify.js';
import { shapeSpans, type ShapeContext } from '../src/layout/shape.js';
import type { Span } from '../src/layout/types.js';
import { fakeContext } from './fakefonts.js';

const body = (text: string): Span[] => [{ text, style: 'body' }];

/** No overfill; a gap may widen by 1 em (10 pt) before a token is broken. */
const RULES: BreakRules = { maxOverfill: 0, overfillPerGap: 0, maxStretchPerGap: 10, countHanLatinSpace: true };

/** Break text set 10 pt on a measure of `em` em; the lines' texts, a hyphen where one is drawn. */
function lines(spans: Span[], em: number, ctx: ShapeContext = fakeContext(), rules: BreakRules = RULES): string[] {
  const { items, lines: spans_ } = breakParagraph(shapeSpans(spans, ctx), () => em * 10, rules, ctx);
  return spans_.map((l) => items.slice(l.start, l.end).map((i) => i.text).join('') + (l.hyphen ? '-' : ''));
}

describe('breakLines: greedy, one em a character', () => {
  test('fills each line to the measure', () => {
    expect(lines(body('一二三四五六七八九十'), 4)).toEqual(['一二三四', '五六七八', '九十']);
  });

  test('a comma that would start a line pushes the character before it down (clreq 3.1.7)', () => {
    expect(lines(body('一二三四，五六'), 4)).toEqual(['一二三', '四，五六']);
  });

  test('two closing marks that would start a line both go down with the character before', () => {
    // 。” squeeze to 1.5 em; 三。” is one unit of 3.5 em, too wide for the rest of line one.
    expect(lines(body('一二三。”四'), 4)).toEqual(['一二', '三。”四']);
  });

  test('an opening mark never ends a line: it goes down with what it opens', () => {
    expect(lines(body('一二三《四》'), 4)).toEqual(['一二三', '《四》']);
  });

  test('—— and …… are never split', () => {
    expect(lines(body('一二三——四'), 4)).toEqual(['一二三', '——四']);
    expect(lines(body('一二三……'), 4)).toEqual(['一二', '三……']);
  });

  test('a Latin word and a digit run stay whole, with their % sign', () => {
    expect(lines(body('一二AI三'), 3)).toEqual(['一二', 'AI三']);
    expect(lines(body('一二12345%'), 4, fakeContext(), { ...RULES, maxStretchPerGap: Infinity })).toEqual(['一二', '12345%']);
  });

  test('a number keeps its ℃', () => {
    expect(lines(body('一二三37℃'), 4)).toEqual(['一二三', '37℃']);
  });

  test('a note marker stays glued to the character before it', () => {
    const spans: Span[] = [{ text: '一二三四', style: 'body' }, { text: '①', style: 'marker', marker: true }, { text: '五', style: 'body' }];
    expect(lines(spans, 4)).toEqual(['一二三', '四①五']);
  });

  test('a token wider than the measure is cut where it overflows when no own break point fills the line', () => {
    // abcde|fghij hyphenates after e; 'e-' alone would leave the line 10 pt short with no gap to widen
    expect(lines(body('abcdefghij'), 2)).toEqual(['abcd', 'efgh', 'ij']);
  });

  test('Latin words break at spaces, and the space does not start a line', () => {
    expect(lines(body('ab cd ef'), 2)).toEqual(['ab ', 'cd ', 'ef']);
    // a word is never cut without a hyphenation point while it fits a line of its own
    expect(lines(body('ab cdef'), 3)).toEqual(['ab ', 'cdef']);
  });
});

describe('latin_break_width: the print’s character grid', () => {
  test('regression, calibration break 2: “77%” counts 1.5 em when filling a line, not its 1.83 em of glyphs', () => {
    // 10 pt: 77% is 15 pt of break width; 一…七 70 pt; 85 pt fits a 85 pt measure.
    const ctx = fakeContext({ latinBreakWidth: 0.5 });
    const fonts = new Map(ctx.fonts);
    fonts.set('latin', { id: 'latin', has: (cp) => cp < 0x80, advance: (t) => [...t].reduce((n, c) => n + (c === '%' ? 0.833 : 0.5), 0) });
    const items = shapeSpans(body('一二三四五六七77%'), { ...ctx, fonts, hanLatinSpace: 0 });
    expect(items.map((i) => [i.text, i.width, i.breakWidth])).toContainEqual(['77%', 18.33, 15]);
    // 7 gaps may take 7/16 of the 10 pt allowed: 4.375 pt ≥ the 3.33 pt the glyphs overfill
    expect(breakLines(items, () => 85, { maxOverfill: 10, overfillPerGap: 10 / 16, maxStretchPerGap: Infinity, countHanLatinSpace: true })).toEqual([{ start: 0, end: 8 }]);
    // with 5 pt allowed, 7 gaps take only 2.19 pt: the line breaks before 77%
    expect(breakLines(items, () => 85, { maxOverfill: 5, overfillPerGap: 5 / 16, maxStretchPerGap: Infinity, countHanLatinSpace: true })).toEqual([{ start: 0, end: 7 }, { start: 7, end: 8 }]);
    // set with the true widths, the line is squeezed back to the measure: 7 gaps of −3.33/7 pt
    const placed = placeLine(items, { start: 0, end: 8 }, 85, 'justify', true);
    expect(placed.xs[7] + items[7].width).toBeCloseTo(85, 6);
  });

  test('regression: a line with no gap to squeeze never runs into the margin', () => {
    const ctx = fakeContext({ latinBreakWidth: 0.5 });
    const fonts = new Map(ctx.fonts);
    fonts.set('latin', { id: 'latin', has: (cp) => cp < 0x80, advance: (t) => [...t].length * 0.75 });
    const { items, lines } = breakParagraph(shapeSpans(body('AAAAAAAAAAAAAAAA'), { ...ctx, fonts }), () => 85, { maxOverfill: 10, overfillPerGap: 10 / 16, maxStretchPerGap: 1, countHanLatinSpace: true }, { ...ctx, fonts });
    expect(lines.length).toBe(2);
    for (const line of lines) expect(items.slice(line.start, line.end).reduce((n, i) => n + i.width, 0)).toBeLessThanOrEqual(85);
  });
});

describe('shapeSpans: widths and spacing', () => {
  test('adjacent punctuation squeezes to 1.5 em: the closing mark loses its right half (clreq 3.1.6)', () => {
    const items = shapeSpans(body('好。”'), fakeContext());
    expect(items.map((i) => [i.text, i.width, i.shift])).toEqual([['好', 10, 0], ['。', 5, 0], ['”', 10, 0]]);
  });

  test('two opening marks: the second loses its left half and its glyph moves left', () => {
    const items = shapeSpans(body('（“好'), fakeContext());
    expect(items.map((i) => [i.text, i.width, i.shift])).toEqual([['（', 10, 0], ['“', 5, -5], ['好', 10, 0]]);
  });

  test('a note marker after a closing mark sits in its blank half', () => {
    const spans: Span[] = [{ text: '力”', style: 'body' }, { text: '①', style: 'marker', marker: true }, { text: '，', style: 'body' }];
    const items = shapeSpans(spans, fakeContext());
    expect(items.map((i) => [i.text, i.width])).toEqual([['力', 10], ['”', 5], ['①', 5], ['，', 10]]);
  });

  test('closing then opening: the closing mark loses its right half', () => {
    const items = shapeSpans(body('。“'), fakeContext());
    expect(items.map((i) => i.width)).toEqual([5, 10]);
  });

  test('a narrow Chinese mark takes a full em, an opening one at its right', () => {
    const items = shapeSpans([{ text: '“。', style: 'narrow' }], fakeContext({ squeezeAdjacentPunctuation: false }));
    expect(items.map((i) => [i.text, i.advance, i.width, i.shift])).toEqual([['“', 3.5, 10, 6.5], ['。', 3.5, 10, 0]]);
  });

  test('a quarter em between Han and Latin, and a typed space collapses into it (clreq 3.2.2)', () => {
    const items = shapeSpans(body('用GPT-4 写'), fakeContext());
    expect(items.map((i) => [i.text, i.width, i.glueBefore])).toEqual([['用', 10, 0], ['GPT-4', 25, 2.5], ['写', 10, 2.5]]);
  });

  test('with Han–Latin space only where typed, an untyped boundary gets none', () => {
    const items = shapeSpans(body('用GPT-4 写'), fakeContext({ hanLatinSpaceEverywhere: false }));
    expect(items.map((i) => i.glueBefore)).toEqual([0, 0, 2.5]);
  });

  test('a character no face has is an error naming it, its code point and position', () => {
    const spans: Span[] = [{ text: '一☃', style: 'body', pos: { file: 'a.md', line: 3, column: 5 } }];
    expect(() => shapeSpans(spans, fakeContext())).toThrow(expect.objectContaining({ message: 'no font of the template has the character “☃” (U+2603)', pos: { file: 'a.md', line: 3, column: 6 } }));
  });

  test('regression: an invisible character no face has is named by its code point, not shown as “”', () => {
    const fonts = new Map(fakeContext().fonts);
    fonts.set('han', { id: 'han', has: (cp) => cp >= 0x80 && cp !== 0x2060, advance: () => 1 });
    const spans: Span[] = [{ text: '一\u2060', style: 'body', pos: { file: 'a.md', line: 3, column: 5 } }];
    expect(() => shapeSpans(spans, fakeContext({ fonts }))).toThrow(expect.objectContaining({ message: 'no font of the template has the character U+2060 (invisible)' }));
  });

  test('each piece is measured once a style: a character (one beyond the BMP too) by its code point, a word by its text', () => {
    const measured: string[] = [];
    const fonts = new Map([...fakeContext().fonts].map(([id, face]) => [id, { ...face, advance: (text: string) => (measured.push(text), face.advance(text)) }]));
    const style = fakeContext().style('body');
    const items = shapeSpans([{ text: '好𠀀好ab ab', style: 'body' }, { text: '好ab', style: 'body' }], fakeContext({ fonts, style: () => style }));
    expect(items.map((i) => [i.text, i.width])).toEqual([['好', 10], ['𠀀', 10], ['好', 10], ['ab', 10], [' ', 5], ['ab', 10], ['好', 10], ['ab', 10]]);
    expect(measured).toEqual(['好', '𠀀', 'ab', ' ']);
  });

  test('a character missing from the style’s face comes from the fallback face', () => {
    const items = shapeSpans([{ text: '。', style: 'narrow' }, { text: '好', style: 'narrow' }], fakeContext({ fallback: ['han'] }));
    expect(items.map((i) => i.face)).toEqual(['narrow', 'han']);
  });
});

describe('placeLine: justification by inter-character spacing', () => {
  test('spreads the slack evenly over the gaps between characters, none before a closing mark (clreq 3.8)', () => {
    const items = shapeSpans(body('一二三，四'), fakeContext());
    // natural 50 pt on a 56 pt measure: 3 gaps (not 三|，) of 2 pt
    expect(placeLine(items, { start: 0, end: 5 }, 56, 'justify', false).xs).toEqual([0, 12, 24, 34, 46]);
  });

  test('does not stretch inside ―― nor before or after a note marker', () => {
    const spans: Span[] = [{ text: '一——二', style: 'body' }, { text: '①', style: 'marker', marker: true }, { text: '三', style: 'body' }];
    const items = shapeSpans(spans, fakeContext());
    // natural 55 pt on 61: two stretchable gaps (一|—, —|二) of 3 pt
    expect(placeLine(items, { start: 0, end: 6 }, 61, 'justify', false).xs).toEqual([0, 13, 23, 36, 46, 51]);
  });

  test('a paragraph’s last line is set at natural width, and centred lines are centred', () => {
    const items = shapeSpans(body('一二'), fakeContext());
    expect(placeLine(items, { start: 0, end: 2 }, 40, 'justify', true).xs).toEqual([0, 10]);
    expect(placeLine(items, { start: 0, end: 2 }, 40, 'center', true).xs).toEqual([10, 20]);
    expect(placeLine(items, { start: 0, end: 2 }, 40, 'right', true).xs).toEqual([20, 30]);
  });

  test('trailing spaces are dropped from a line', () => {
    const items = shapeSpans(body('ab cd'), fakeContext());
    expect(placeLine(items, { start: 0, end: 2 }, 30, 'justify', false).xs).toEqual([0]);
  });
});

describe('push in before pushing down (clreq 3.1.7; FORMAT.md §1)', () => {
  const pushing = fakeContext({ pushInMarks: '，、。', pushInLimit: 0.5 });

  test('a mark that may not start a line is pulled in when the line’s marks give up their blank halves', () => {
    expect(lines(body('一，二、三。'), 5, pushing)).toEqual(['一，二、三。']);
    const items = shapeSpans(body('一，二、三。'), pushing);
    // 60 pt on a 50 pt line: ， and 、 give 5 pt each; the pulled-in 。 keeps its full width
    expect(placeLine(items, { start: 0, end: 6 }, 50, 'justify', false).xs).toEqual([0, 10, 15, 25, 30, 40]);
  });

  test('without room enough the character before the mark is pushed down', () => {
    // only ， gives room: 5 pt of the 10 needed
    expect(lines(body('一，二三四。'), 5, pushing)).toEqual(['一，二三', '四。']);
    expect(lines(body('一，二、三。'), 5)).toEqual(['一，二、', '三。']);
  });

  test('the character an opening mark holds on to is pulled in the same way', () => {
    expect(lines(body('一，二、三“四'), 6, pushing)).toEqual(['一，二、三“四']);
    expect(lines(body('一，二三四“五'), 6, pushing)).toEqual(['一，二三四', '“五']);
  });

  test('regression: a Latin word on a line a mark was pushed into stays whole (it was cut into letters by a second pass)', () => {
    // 一，ab三 42.5 pt (2.5 pt Han–Latin space) + 。 = 52.5 pt on 50: ， gives the 5 pt
    const { items, lines: spans } = breakParagraph(shapeSpans(body('一，ab三。'), pushing), () => 50, RULES, pushing);
    expect(items.map((i) => i.text)).toEqual(['一', '，', 'ab', '三', '。']);
    expect(spans).toEqual([{ start: 0, end: 5, pushedIn: 5 }]);
  });

  test('an opening mark gives up its left half, its glyph moving left', () => {
    const items = shapeSpans(body('一（二。'), fakeContext({ pushInMarks: '（', pushInLimit: 0.5 }));
    // 40 pt on 35: （ gives 5 pt, so 二 starts at 15 and （'s box at 5
    expect(placeLine(items, { start: 0, end: 4 }, 35, 'justify', false).xs).toEqual([0, 5, 15, 25]);
  });
});

describe('the Han–Latin space is drawn but not counted (count_han_latin_space: false)', () => {
  test('a line that fits without the space takes it, squeezed back to the measure', () => {
    const rules: BreakRules = { maxOverfill: 10, overfillPerGap: 10, maxStretchPerGap: 10, countHanLatinSpace: true };
    // 一二AB三: 40 pt of glyphs and 2 × 2.5 pt of space on a 40 pt line
    expect(lines(body('一二AB三'), 4, fakeContext(), rules)).toEqual(['一二AB', '三']);
    expect(lines(body('一二AB三'), 4, fakeContext(), { ...rules, countHanLatinSpace: false })).toEqual(['一二AB三']);
    expect(shapeSpans(body('一二AB三'), fakeContext()).map((i) => i.glueBefore)).toEqual([0, 0, 2.5, 2.5]);
  });
});

describe('long tokens: broken only to keep gaps within the cap (FORMAT.md §2)', () => {
  // a gap may widen by a quarter em (2.5 pt)
  const capped: BreakRules = { maxOverfill: 0, overfillPerGap: 0, maxStretchPerGap: 2.5, countHanLatinSpace: true };

  test('a word that would leave the line before it loose is hyphenated into it', () => {
    expect(lines(body('一二三四五六七八Supercalifragilisticexpialidocious'), 10, fakeContext(), capped)).toEqual([
      '一二三四五六七八Su-',
      'percalifragilistic-',
      'expialidocious',
    ]);
  });

  test('within the cap a token moves whole to the next line', () => {
    expect(lines(body('一二三四五六七八九Super'), 10, fakeContext(), capped)).toEqual(['一二三四五六七八九', 'Super']);
  });

  test('a URL breaks after / . - ? & = without a hyphen, a digit run at any digit', () => {
    // 5 × 10 pt, 2.5 pt of Han–Latin space, https:// 40 pt: 7.5 pt left over 5 gaps, within the cap
    expect(lines(body('一二三四五https://w3.org/TR/clreq/'), 10, fakeContext(), capped)).toEqual(['一二三四五https://', 'w3.org/TR/clreq/']);
    // no URL point fits after 七 (27.5 pt left): the URL breaks at the last character that does
    expect(lines(body('一二三四五六七https://w3.org/TR/clreq/'), 10, fakeContext(), capped)).toEqual(['一二三四五六七https', '://w3.org/TR/clreq/']);
    expect(lines(body('一二三四五六七12345678901234567890'), 10, fakeContext(), capped)).toEqual(['一二三四五六七12345', '678901234567890']);
  });

  test('no space is added before a closing mark or after a note marker, so the cap counts only real gaps', () => {
    const items = shapeSpans(body('一。'), fakeContext());
    expect(items.map((i) => i.stretchBefore)).toEqual([true, false]);
  });
});

test('regression: a token a little wider than its line is broken, not left in the margin (the overfill allowance needs gaps to squeeze)', () => {
  const rules: BreakRules = { maxOverfill: 10, overfillPerGap: 10, maxStretchPerGap: 2.5, countHanLatinSpace: true };
  // 21 letters of 5 pt on a 100 pt line: 5 pt over, and no gap to take it back
  expect(lines(body('a1b2c3d4e5f6g7h8i9j0k'), 10, fakeContext(), rules)).toEqual(['a1b2c3d4e5f6g7h8i9j0', 'k']);
});
