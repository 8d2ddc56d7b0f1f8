import { join } from 'node:path';
import type { World } from '../world.js';
import type { Template } from './types.js';

/**
 * The packaged templates, read and checked whenever the bundle is built (scripts/template-cache.js) and
 * kept as JSON in dist/, as the code cache is: a build need not parse the same YAML again (the yaml
 * package's lexer, parser and composer took ≈10 ms and 3.6 MB of a cold build of 218, issue 9).
 * A cached template stands for a template file only while the file holds the very text it was
 * made from, wherever the file is; any other text, an unreadable or damaged cache, is parsed.
 */
interface CachedTemplate {
  source: string;
  template: Template;
  /** Numbers JSON cannot hold (it writes Infinity and NaN as null, −0 as 0): where each is, and its value as text. */
  numbers: [string[], string][];
}

/** Where the cache of the packaged template `name` is. */
export function templateCachePath(packageRoot: string, name: string): string {
  return join(packageRoot, 'dist', 'templates', `${name}.json`);
}

/**
 * `template` as parsed from `source`, as the cache holds it; undefined when it would not read back
 * value for value (nothing in a template does so today: this is the guard that it stays so).
 */
export function cacheTemplate(template: Template, source: string): string | undefined {
  const json = JSON.stringify({ source, template, numbers: unwritableNumbers(template, []) } satisfies CachedTemplate);
  return sameData(readCache(json, source), template) ? json : undefined;
}

/** Where `value` holds numbers JSON cannot write, such as a template's default latin_grid_max_chars, Infinity. */
function unwritableNumbers(value: unknown, path: string[]): [string[], string][] {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? [] : [[path, Object.is(value, -0) ? '-0' : String(value)]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) => unwritableNumbers(inner, [...path, key]));
}

/** The template a cache's JSON holds, if it was made from `text`. */
function readCache(json: string, text: string): Template | undefined {
  const cached = JSON.parse(json) as Partial<CachedTemplate>;
  if (cached.source !== text || typeof cached.template !== 'object' || cached.template === null || !Array.isArray(cached.numbers)) return undefined;
  for (const [path, number] of cached.numbers) {
    const owner = path.slice(0, -1).reduce<Record<string, unknown>>((at, key) => at[key] as Record<string, unknown>, cached.template as unknown as Record<string, unknown>);
    owner[path[path.length - 1]] = Number(number);
  }
  return cached.template;
}

/** The cached template `name`, if it was made from `text`; `file` is the name its errors would show. */
export function cachedTemplate(world: World, name: string, text: string, file: string): Template | undefined {
  const path = templateCachePath(world.packageRoot, name);
  let template: Template | undefined;
  try {
    template = readCache(new TextDecoder().decode(world.readFile(path)), text);
  } catch {
    return undefined;
  }
  return template && { ...template, file };
}

/** Equal as data: numbers by Object.is, a key whose value is undefined as a key left out (JSON drops it). */
export function sameData(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const defined = (o: object) => Object.keys(o).filter((key) => (o as Record<string, unknown>)[key] !== undefined);
  const keys = defined(a);
  const other = defined(b);
  return keys.length === other.length && keys.every((key, i) => key === other[i] && sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
