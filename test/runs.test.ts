import { toTextRuns } from '../src/layout/runs.js';
import type { ShapedItem } from '../src/layout/shape.js';

const BLACK: ShapedItem['color'] = [0, 0, 0, 1];

/** A glyph one em of 10 pt wide, in face `face`. */
function glyph(text: string, face = 'song'): ShapedItem {
  return { text, cls: 'han', face, size: 10, color: BLACK, rise: 0, advance: 10, width: 10, breakWidth: 10, shift: 0, glueBefore: 0, breakBefore: true, stretchBefore: true, squeezable: 0 };
}

const texts = (items: ShapedItem[], xs: number[]) => toTextRuns(items, { start: 0, xs }, 50, 0).map((r) => [r.face, r.x, r.text, r.charSpacing]);

describe('toTextRuns: one run per face and equal gap', () => {
  it('joins a run’s pieces once it closes, and starts the next run from its own first piece', () => {
    const items = [glyph('一'), glyph('二'), glyph('三'), glyph('A', 'latin'), glyph('四'), glyph('五')];
    expect(texts(items, [0, 12, 24, 36, 46, 58])).toEqual([
      ['song', 50, '一二三', 2],
      ['latin', 86, 'A', 0],
      ['song', 96, '四五', 2],
    ]);
  });

  it('leaves nothing of one line’s runs to the next line', () => {
    expect(texts([glyph('一'), glyph('二'), glyph('三')], [0, 10, 20])).toEqual([['song', 50, '一二三', 0]]);
    expect(texts([glyph('四')], [0])).toEqual([['song', 50, '四', 0]]);
  });
});
