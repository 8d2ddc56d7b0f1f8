import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { main } from '../src/cli.js';
import type { Article } from '../src/markdown/types.js';
import { nodeWorld, PACKAGE_ROOT, type World } from '../src/world.js';

export const GOOD_ARTICLE = `---
title: 测试标题
byline: 张三
source: 测试来源
---

# 一、第一部分

正文第一段，含有 AI 与 2025 年的数字。[^a]

[^a]: 《测试文献》，2025年。
`;

export const GOOD_MANIFEST = `template: xinxi-jijin
year: 2025
number: 1
total: 1
date: 2025-01-02
articles:
  - a.md
`;

/** A scratch project folder holding issues/1 with the given files (test data, not a real issue). */
export function scratchIssue(files: Record<string, string | Uint8Array> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-test-'));
  const all: Record<string, string | Uint8Array> = { 'issues/1/issue.yaml': GOOD_MANIFEST, 'issues/1/a.md': GOOD_ARTICLE, ...files };
  for (const [path, content] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export interface Run {
  code: number;
  out: string[];
  err: string[];
}

/** Run the CLI in `cwd` and collect what it prints. */
export async function run(args: string[], cwd: string, world: World = nodeWorld(cwd)): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) }, cwd, world);
  return { code, out, err };
}

export const strip = (s: string) => s.replace(/\s+/g, '');

/** An article's own text in print order, whitespace removed: what must reach the PDF. */
export function articleText(article: Article): string {
  const inline = (inlines: Article['body'][number]['inlines']) => inlines.map((i) => (i.kind === 'text' ? i.text : ''));
  return strip(
    [
      article.title.text,
      article.byline.text,
      ...article.intro.map((p) => p.text),
      article.epigraph?.text ?? '',
      article.epigraphSource?.text ?? '',
      article.abstract?.text ?? '',
      ...article.keywords.map((k) => k.text),
      ...article.body.flatMap((b) => inline(b.inlines)),
      ...article.notes.flatMap((n) => inline(n.inlines)),
      article.source.text,
    ].join(''),
  );
}

/**
 * Run bin/bulletin.js as a user would, and say which of `packages` it loaded from node_modules
 * (the bundle requires what it keeps outside): sorted, each once.
 */
export function packagesLoaded(args: string[], packages: readonly string[]): { status: number | null; stderr: string; loaded: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-loaded-'));
  const report = join(dir, 'loaded.json');
  writeFileSync(join(dir, 'loaded.mjs'), `import { createRequire } from 'node:module'; import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(report)}, JSON.stringify(Object.keys(createRequire(process.cwd() + '/').cache))));\n`);
  const child = spawnSync(process.execPath, ['--import', join(dir, 'loaded.mjs'), join(PACKAGE_ROOT, 'bin', 'bulletin.js'), ...args], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  const files = JSON.parse(readFileSync(report, 'utf8')) as string[];
  rmSync(dir, { recursive: true, force: true });
  const loaded = packages.filter((name) => files.some((file) => file.includes(`${sep}node_modules${sep}${name}${sep}`)));
  return { status: child.status, stderr: child.stderr, loaded };
}
