import { dirname, join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { isNode, isSeq, parseDocument } from 'yaml';
import { display, readText, resolveManifest } from '../build.js';
import { BulletinError } from '../errors.js';
import { parseIssue } from '../manifest/issue.js';
import type { World } from '../world.js';
import { writeNew } from './write-file.js';

/** How many syllables of the title a file name keeps: enough to tell articles apart in a listing. */
const SLUG_SYLLABLES = 6;

/** 以科技创新引领新质生产力发展 → yi-ke-ji-chuang-xin-yin; Latin words are kept, lower-cased. */
export function slugOf(title: string): string {
  const words = title.match(/[A-Za-z0-9]+|\p{Script=Han}/gu) ?? [];
  const latin = words.flatMap((w) => (/^\p{Script=Han}$/u.test(w) ? [pinyin(w, { toneType: 'none', type: 'array' })[0]] : [w.toLowerCase()]));
  return latin.slice(0, SLUG_SYLLABLES).join('-') || 'article';
}

/**
 * `--issue <n>`: the article goes into the issue's folder, named like the others there (its
 * two-digit place, then a slug of its title), and is appended to the manifest's `articles`;
 * the manifest is edited as a YAML document, so its comments stay.
 */
export function addToIssue(spec: string, title: string, markdown: string, force: boolean, world: World): string[] {
  const manifestPath = resolveManifest(spec, world);
  const manifestText = readText(manifestPath, world);
  const issue = parseIssue(display(manifestPath, world), manifestText);
  const name = `${String(issue.articles.length + 1).padStart(2, '0')}-${slugOf(title)}.md`;
  const articlePath = join(dirname(manifestPath), name);
  if (world.kind(articlePath) !== 'missing' && !force) {
    throw new BulletinError(`${display(articlePath, world)} exists; it is not replaced`, undefined, 'give --force to replace it, or import with -o and add it to the manifest by hand');
  }
  const manifest = appendArticle(manifestText, name);
  if (manifest === undefined) throw new BulletinError('the manifest’s articles are not a list of one file a line', { file: display(manifestPath, world) }, `add “- ${name}” to its articles by hand`);
  writeNew(articlePath, markdown, true, world);
  writeNew(manifestPath, manifest, true, world);
  return [display(articlePath, world), display(manifestPath, world)];
}

/**
 * The manifest's text with one more line in `articles`, after the last one and indented like it;
 * every other byte (comments, blank lines, quoting) as it was. Undefined for a list written
 * another way (flow style, empty), which staff edit by hand.
 */
export function appendArticle(text: string, name: string): string | undefined {
  const articles = parseDocument(text).get('articles', true);
  const last = isSeq(articles) && !articles.flow ? articles.items.at(-1) : undefined;
  const range = isNode(last) ? last.range : undefined;
  if (!range) return undefined;
  const lineStart = text.lastIndexOf('\n', range[0]) + 1;
  const prefix = text.slice(lineStart, range[0]);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const lineEnd = text.indexOf('\n', range[1]);
  const at = lineEnd === -1 ? text.length : lineEnd;
  return `${text.slice(0, at)}\n${prefix}${name}${text.slice(at)}${lineEnd === -1 ? '\n' : ''}`;
}
