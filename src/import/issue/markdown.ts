import { stringify } from 'yaml';
import { frontMatter } from '../write.js';
import type { ArticleDraft, IssueDraft } from './structure.js';

/** issue.yaml for a draft printed with `template`, whose articles are written as `files`. */
export function manifestYaml(issue: IssueDraft, template: string, files: readonly string[]): string {
  const { distribution } = issue;
  const printRun = distribution?.printRun ? { print_run: distribution.printRun } : {};
  return stringify({ template, year: issue.year, number: issue.number, total: issue.total, date: issue.date, articles: files, ...(distribution ? { distribution: { lines: distribution.lines, ...printRun } } : {}) });
}

/** An article as Markdown with YAML front matter, as issues/ holds them. */
export function articleMarkdown(article: ArticleDraft): string {
  const body = article.body.map((block) => (block.kind === 'heading' ? `${'#'.repeat(block.level)} ${block.text}` : block.text));
  const notes = article.notes.map((note) => `[^${note.label}]: ${note.text}`);
  return `---\n${frontMatter(article)}---\n\n${[...body, ...notes].join('\n\n')}\n`;
}
