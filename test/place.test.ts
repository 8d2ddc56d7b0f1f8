import { atBaseline, moveOntoBaseline } from '../src/layout/place.js';
import type { BlockTag, Item, TextItem } from '../src/layout/types.js';

const run = (x: number, y: number): TextItem => ({ kind: 'text', face: 'song', size: 10, x, y, text: '一', charSpacing: 0, color: [0, 0, 0, 1] });
const tag: BlockTag = { role: 'P', text: '一' };

describe('placing a set line on its baseline', () => {
  it('moves lines no one keeps onto the page, rounded to 1/1000 pt and tagged', () => {
    const items = [run(50, 0), run(60, -3.5)];
    const page: Item[] = [];
    moveOntoBaseline(items, 100.12345, tag, page);
    expect(page).toEqual([{ ...run(50, 100.123), block: tag }, { ...run(60, 96.623), block: tag }]);
    expect(page[0]).toBe(items[0]);
  });

  it('copies lines kept for a later build (watch), leaving them on y = 0', () => {
    const items = [run(50, 0)];
    expect(atBaseline(items, 100.12345, tag)).toEqual([{ ...run(50, 100.123), block: tag }]);
    expect(items).toEqual([run(50, 0)]);
  });

  it('leaves a run without a block untagged', () => {
    const page: Item[] = [];
    moveOntoBaseline([run(50, 0)], 10, undefined, page);
    expect(page).toEqual([run(50, 10)]);
    expect('block' in page[0]).toBe(false);
  });
});
