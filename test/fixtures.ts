import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../src/cli.js';
import type { Article } from '../src/markdown/types.js';
import { nodeWorld, type World } from '../src/world.js';

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
