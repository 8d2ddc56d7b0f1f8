import { extname, join, resolve } from 'node:path';
import type { Diagnostic } from '../../diagnostics.js';
import { BulletinError, byPosition } from '../../errors.js';
import type { World } from '../../world.js';
import { articleMarkdown, manifestYaml } from './markdown.js';
import { withoutFurniture } from '../../pdftext/furniture.js';
import { readPrintedPages } from '../../pdftext/read.js';
import { paragraphsOf } from './paragraphs.js';
import { paragraphsOfPages } from './printed.js';
import { printedLabels, readIssue } from './structure.js';
import { DEFAULT_TEMPLATE, readTemplate, readText } from '../../build.js';

export interface ImportedIssue {
  /** The folder written, and the files in it (issue.yaml first). */
  folder: string;
  files: string[];
  /** What the import is unsure of, each with its place in the input. */
  warnings: Diagnostic[];
}

/**
 * A whole printed issue (its PDF, or the text extracted from it, `.txt`) made into an issue folder: issue.yaml and one
 * Markdown file per article, each written durably. The folder must be new or empty unless `force`.
 */
export async function importIssue(input: string, options: { output: string; force?: boolean; template?: string }, world: World): Promise<ImportedIssue> {
  const path = resolve(world.cwd, input);
  if (world.kind(path) !== 'file') throw new BulletinError(`cannot read ${input}: ${world.kind(path) === 'missing' ? 'no such file' : 'not a regular file'}`);
  const extension = extname(path).toLowerCase();
  if (extension !== '.txt' && extension !== '.pdf') throw new BulletinError(`${input}: a whole issue is imported from its PDF or the text extracted from it (.pdf, .txt)`, { file: input });
  const folder = resolve(world.cwd, options.output);
  const kind = world.kind(folder);
  if (kind !== 'missing' && kind !== 'dir') throw new BulletinError(`${options.output} exists and is not a folder`, undefined, 'name a new folder with -o, e.g. issues/<n>/');
  if (kind === 'dir' && world.listDir(folder).length > 0 && !options.force) throw new BulletinError(`${options.output} is not empty`, undefined, 'name a new or empty folder, or give --force to write into it');
  const templateName = options.template ?? DEFAULT_TEMPLATE;
  const { template } = readTemplate(templateName, world);
  const labels = printedLabels(template.texts, template.file);
  const warnings: Diagnostic[] = [];
  const issue =
    extension === '.pdf'
      ? readIssue(paragraphsOfPages(withoutFurniture(await readPrintedPages(path, input, world, { fonts: true }))), labels, input, warnings, true)
      : readIssue(paragraphsOf(readText(path, world)), labels, input, warnings);
  const names = issue.articles.map((_, i) => `${String(i + 1).padStart(2, '0')}.md`);
  const contents: [string, string][] = [['issue.yaml', manifestYaml(issue, templateName, names)], ...issue.articles.map((article, i): [string, string] => [names[i], articleMarkdown(article)])];
  for (const [name, text] of contents) world.writeFileAtomic(join(folder, name), new TextEncoder().encode(text));
  return { folder, files: contents.map(([name]) => name), warnings: warnings.sort((a, b) => byPosition(a.pos, b.pos)) };
}
