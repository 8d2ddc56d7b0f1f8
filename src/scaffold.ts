import { join } from 'node:path';
import { readText } from './build.js';
import { BulletinError } from './errors.js';
import { parseIssue } from './manifest/issue.js';
import type { Issue } from './manifest/types.js';
import type { World } from './world.js';

export interface Scaffolded {
  dir: string;
  files: string[];
}

/**
 * `bulletin new <n>`: issues/<n>/ from the latest issue under issues/: the next number (1 in
 * a new year), total <n>, today's date, the same template, one article stub. The manifest
 * starts with the yaml-language-server modeline so editors complete and check it.
 */
export function scaffoldIssue(total: number, world: World): Scaffolded {
  const issuesDir = join(world.cwd, 'issues');
  const dir = join(issuesDir, String(total));
  if (world.kind(dir) !== 'missing') throw new BulletinError(`issues/${total} already exists`, undefined, 'choose another number, or edit the existing issue');
  const latest = latestIssue(issuesDir, world);
  if (!latest) throw new BulletinError('there is no issue under issues/ to start from', undefined, 'create issues/<n>/issue.yaml by hand once (see README)');
  const now = world.now();
  const today = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  const number = today.year === latest.year ? latest.number + 1 : 1;
  const date = `${today.year}-${String(today.month).padStart(2, '0')}-${String(today.day).padStart(2, '0')}`;
  const manifest = [
    '# yaml-language-server: $schema=../../schema/issue.schema.json',
    `template: ${latest.template}`,
    `year: ${today.year}`,
    `number: ${number}`,
    `total: ${total}`,
    `date: ${date}`,
    'articles:',
    '  - 01-article.md',
    '',
  ].join('\n');
  const article = ['---', 'title: 文章标题', 'byline: 作者', 'source: 来源媒体 日期', '---', '', '# 一、小标题', '', '正文。', ''].join('\n');
  world.writeFileAtomic(join(dir, 'issue.yaml'), Buffer.from(manifest));
  world.writeFileAtomic(join(dir, '01-article.md'), Buffer.from(article));
  return { dir, files: ['issue.yaml', '01-article.md'] };
}

function latestIssue(issuesDir: string, world: World): Issue | undefined {
  if (world.kind(issuesDir) !== 'dir') return undefined;
  let latest: Issue | undefined;
  for (const name of world.listDir(issuesDir)) {
    const path = join(issuesDir, name, 'issue.yaml');
    if (world.kind(path) !== 'file') continue;
    const issue = parseIssue(join('issues', name, 'issue.yaml'), readText(path, world));
    if (!latest || issue.total > latest.total) latest = issue;
  }
  return latest;
}
