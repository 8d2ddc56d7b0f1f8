import { dirname, join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { isSeq, parseDocument } from 'yaml';
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
  const doc = parseDocument(manifestText);
  const articles = doc.get('articles', true);
  if (!isSeq(articles)) throw new BulletinError('the manifest has no list of articles', { file: display(manifestPath, world) });
  articles.add(doc.createNode(name));
  writeNew(articlePath, markdown, true, world);
  writeNew(manifestPath, doc.toString({ lineWidth: 0 }), true, world);
  return [display(articlePath, world), display(manifestPath, world)];
}
