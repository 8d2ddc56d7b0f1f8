import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIssue, renderIssue } from '../src/build.js';
import { sameValue } from '../src/render/pagecache.js';
import { rememberingSubsets, type SubsetCache } from '../src/render/subsets.js';
import { watchIssue, type WatchEvent } from '../src/watch.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';

/** A project folder with a copy of issue 218. */
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-watch-'));
  cpSync(join(PACKAGE_ROOT, 'issues', '218'), join(root, 'issues', '218'), { recursive: true });
  return root;
}

test.each([
  ['preview', true],
  ['compressed (--compress)', false],
])('a %s watch rebuild after edits writes the bytes a fresh watch writes of the same sources', async (_, preview) => {
  const root = project();
  const world = nodeWorld(root);
  const article = join(root, 'issues', '218', '03-jichu-yanjiu.md');
  const original = readFileSync(article, 'utf8');
  const paragraph = '基础研究决定科技发展潜力。';
  // A glyph the issue already draws, one it draws nowhere else (the subsets change), and back.
  const edits = [original.replace(paragraph, `${paragraph}一`), original.replace(paragraph, `${paragraph}鑫`), original.replace(paragraph, `${paragraph}一`), original];
  const events: WatchEvent[] = [];
  let built: () => void = () => {};
  const next = () => new Promise<void>((resolve) => (built = resolve));
  let first = next();
  const stop = watchIssue({ issue: '218', preview }, world, (event) => {
    events.push(event);
    built();
  });
  try {
    await first;
    for (const text of edits) {
      first = next();
      writeFileSync(article, text);
      await first;
      const event = events[events.length - 1];
      expect(event).toMatchObject({ ok: true, cause: article });
      const fresh = await renderIssue({ issue: '218', preview }, world, { faces: new Map() });
      expect(Buffer.from(readFileSync(join(root, 'out', '218.pdf'))).equals(Buffer.concat(fresh.bytes))).toBe(true);
    }
  } finally {
    await stop();
  }
});

test('a subset with the glyphs of the last one embedded takes its bytes; one with other glyphs is encoded', () => {
  const world = nodeWorld(PACKAGE_ROOT);
  const font = loadIssue('218', world).faces.get('fangsong')!;
  font.glyphs('中');
  font.glyphs('文');
  font.readOutlines();
  const cache: SubsetCache = new WeakMap();
  const subset = (codePoints: string) => {
    const made = (rememberingSubsets(font.embeddable, cache) as typeof font.font).createSubset();
    for (const ch of codePoints) made.includeGlyph(font.glyphs(ch).ids[0]);
    return made;
  };
  const plain = font.font.createSubset();
  plain.includeGlyph(font.glyphs('中').ids[0]);
  const first = subset('中').encode();
  expect(Buffer.from(first).equals(Buffer.from(plain.encode()))).toBe(true);
  expect(subset('中').encode()).toBe(first);
  const other = subset('中文').encode();
  expect(other).not.toBe(first);
  expect(subset('文中').encode()).not.toBe(other);
});

test('display list items are the same when every field is, nested ones too', () => {
  const tag = { role: 'P', text: '正文' };
  const item = { kind: 'text', x: 1, y: 2, text: '正', color: [0, 0, 0, 100], block: tag };
  expect(sameValue(item, { ...item, color: [0, 0, 0, 100], block: { ...tag } })).toBe(true);
  expect(sameValue(item, { ...item, block: { ...tag, text: '正文。' } })).toBe(false);
  expect(sameValue(item, { ...item, color: [0, 0, 0, 90] })).toBe(false);
  expect(sameValue(item, { ...item, charSpacing: 0.5 })).toBe(false);
  expect(sameValue({ ...item, charSpacing: 0.5 }, item)).toBe(false);
  expect(sameValue([item], [item, item])).toBe(false);
  expect(sameValue({ a: [] }, { a: {} })).toBe(false);
});
