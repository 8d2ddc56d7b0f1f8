import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTemplate } from '../src/build.js';
import { parseTemplate } from '../src/manifest/template.js';
import { cacheTemplate, cachedTemplate, sameData, templateCachePath } from '../src/manifest/template-cache.js';
import { nodeWorld, PACKAGE_ROOT, type World } from '../src/world.js';

const TEMPLATES = readdirSync(join(PACKAGE_ROOT, 'templates'));
const textOf = (name: string) => readFileSync(join(PACKAGE_ROOT, 'templates', name, 'template.yaml'), 'utf8');
const fileOf = (name: string) => join('templates', name, 'template.yaml');

/** A world whose package holds `files` (paths under its root → contents) and nothing else. */
function packageWith(files: Record<string, string>): World {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-template-cache-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { ...nodeWorld(root), packageRoot: root };
}

test.each(TEMPLATES)('npm run build caches the packaged template %s, and the cache gives what parsing its file gives, number for number', (name) => {
  const text = textOf(name);
  const cached = cachedTemplate(nodeWorld(), name, text, fileOf(name));
  expect(cached).toBeDefined();
  expect(sameData(cached, parseTemplate(fileOf(name), text))).toBe(true);
  expect(cached).toEqual(parseTemplate(fileOf(name), text));
});

test('a build reads its template from the cache while the file holds the text the cache was made from', () => {
  const text = textOf('xinxi-jijin');
  const cache = JSON.parse(cacheTemplate(parseTemplate('x', text), text)!);
  cache.template.grid.slots = 99; // not what the file says: seen only if the cache is read
  const world = packageWith({ [fileOf('xinxi-jijin')]: text, [templateCachePath('', 'xinxi-jijin')]: JSON.stringify(cache) });
  const { template } = readTemplate('xinxi-jijin', world);
  expect(template.grid.slots).toBe(99);
  expect(template.file).toBe(fileOf('xinxi-jijin'));
});

test('an edited template is parsed, not taken from the cache made from its old text', () => {
  const text = textOf('xinxi-jijin');
  const edited = text.replace(/^(\s+slots:) 22\b/m, '$1 21');
  expect(edited).not.toBe(text);
  expect(cachedTemplate(nodeWorld(), 'xinxi-jijin', edited, fileOf('xinxi-jijin'))).toBeUndefined();
  const root = mkdtempSync(join(tmpdir(), 'bulletin-template-edited-'));
  mkdirSync(join(root, 'templates', 'xinxi-jijin'), { recursive: true });
  writeFileSync(join(root, 'templates', 'xinxi-jijin', 'template.yaml'), edited);
  expect(readTemplate('xinxi-jijin', nodeWorld(root)).template.grid.slots).toBe(21);
});

test('a damaged or missing cache is passed over: the template is parsed', () => {
  const text = textOf('xinxi-jijin');
  const path = templateCachePath('', 'xinxi-jijin');
  expect(cachedTemplate(packageWith({}), 'xinxi-jijin', text, 'x')).toBeUndefined();
  expect(cachedTemplate(packageWith({ [path]: '{"source": ' }), 'xinxi-jijin', text, 'x')).toBeUndefined();
  const good = cacheTemplate(parseTemplate('x', text), text)!;
  const wrongPlace = JSON.stringify({ ...JSON.parse(good), numbers: [[['no', 'such', 'field'], 'Infinity']] });
  expect(cachedTemplate(packageWith({ [path]: wrongPlace }), 'xinxi-jijin', text, 'x')).toBeUndefined();
  expect(cachedTemplate(packageWith({ [path]: good }), 'xinxi-jijin', text, 'x')).toEqual(parseTemplate('x', text));
});

// gbt9704 leaves latin_grid_max_chars out: its default is Infinity, which JSON writes as null.
test('a number JSON cannot write (Infinity, −0) comes back from the cache as it was', () => {
  const text = textOf('xinxi-jijin').replace(/^\s+latin_grid_max_chars:.*\n/m, '').replace(/^(\s+latin_max_overfill:) \S+/m, '$1 -0');
  const template = parseTemplate('x', text);
  expect(template.typography.latinGridMaxChars).toBe(Infinity);
  expect(Object.is(template.typography.latinMaxOverfill, -0)).toBe(true);
  const back = cachedTemplate(packageWith({ [templateCachePath('', 'x')]: cacheTemplate(template, text)! }), 'x', text, 'x');
  expect(back?.typography.latinGridMaxChars).toBe(Infinity);
  expect(Object.is(back?.typography.latinMaxOverfill, -0)).toBe(true);
  expect(sameData(back, template)).toBe(true);
});

test('sameData tells numbers apart by Object.is and takes a key set to undefined for one left out', () => {
  expect(sameData({ a: 0 }, { a: -0 })).toBe(false);
  expect(sameData({ a: NaN }, { a: NaN })).toBe(true);
  expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  expect(sameData({ a: [1, 2] }, { a: { 0: 1, 1: 2 } })).toBe(false);
  expect(sameData({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
});
