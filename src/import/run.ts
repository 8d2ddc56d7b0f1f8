import type { ElementContent } from 'hast';
import { extname, resolve } from 'node:path';
import { display as shown, readText } from '../build.js';
import type { Diagnostic } from '../diagnostics.js';
import { BulletinError, BulletinErrors } from '../errors.js';
import { joinLines } from '../markdown/parse.js';
import { STDOUT } from '../output.js';
import type { World } from '../world.js';
import { plainText, shapeArticle } from './article.js';
import { findParagraph } from './docx-scan.js';
import { readDocx } from './docx.js';
import { articleOf } from './furniture.js';
import { addToIssue } from './issue-file.js';
import { parseHtml, removeNodes, toMdast, walk } from './tomdast.js';
import type { Imported } from './types.js';
import { writeNew } from './write-file.js';
import { writeArticle } from './write.js';

export interface ImportOptions {
  /** Where to write the article; `-` or none for standard output. */
  output?: string;
  /** Write into issues/<n>/ and add the article to its manifest. */
  issue?: string;
  force?: boolean;
  /** Warnings are errors: nothing is written. */
  strict?: boolean;
}

export interface ImportResult {
  /** What goes to standard output (the article, when no file is written). */
  stdout?: string;
  /** Files written, as shown to the user. */
  written: string[];
  warnings: Diagnostic[];
}

/** `bulletin import <file>`: a Word document or saved web page → an article of ours. */
export async function runImport(input: string, options: ImportOptions, world: World): Promise<ImportResult> {
  const path = resolve(world.cwd, input);
  const file = shown(path, world);
  const extension = extname(path).toLowerCase();
  if (extension === '.doc' || extension === '.wps') {
    throw new BulletinError(`${file} is an old binary ${extension} file, which bulletin cannot read`, { file }, 'open it in Word, WPS or LibreOffice and save it as .docx (Word document), then import the .docx');
  }
  if (extension === '.docx') return finish(await importDocx(path, file, world), path, options, world);
  if (extension === '.html' || extension === '.htm') return finish(await importHtml(path, file, world), path, options, world);
  throw new BulletinError(`cannot import ${file}: give a Word .docx file or a saved web page (.html)`, { file });
}

async function importDocx(path: string, file: string, world: World): Promise<Imported> {
  const bytes = readInput(path, file, world);
  const { html, scan, messages } = await readDocx(bytes, file);
  const tree = parseHtml(html);
  // The scan names tables and images with their paragraphs; mammoth's copies of them go.
  const copies = new Set<ElementContent>();
  walk(tree, (e) => {
    if (e.tagName === 'table' || e.tagName === 'img') copies.add(e);
  });
  removeNodes(tree, copies);
  const root = await toMdast(tree);
  const article = shapeArticle(root, (node) => {
    const paragraph = node.type === 'root' ? undefined : findParagraph(scan.paragraphs, plainText(node));
    return paragraph === undefined ? { file } : { file, line: paragraph };
  });
  const found: Diagnostic[] = scan.findings.map((f) => ({ severity: 'warning', message: `${f.what} is ${f.fate} (paragraph ${f.paragraph})`, pos: { file, line: f.paragraph } }));
  const theirs: Diagnostic[] = messages.map((message) => ({ severity: 'warning', message: `mammoth: ${message}`, pos: { file } }));
  const named = article.warnings.map((w) => (w.pos?.line === undefined ? w : { ...w, message: `${w.message} (paragraph ${w.pos.line})` }));
  return { ...article, warnings: [...found, ...named, ...theirs] };
}

async function importHtml(path: string, file: string, world: World): Promise<Imported> {
  readInput(path, file, world);
  const page = parseHtml(readText(path, world));
  const tree = articleOf(page);
  // Lines of an HTML file are wrapped anywhere: joined as our Markdown joins them.
  walk(tree, (e) => {
    for (const child of e.children) if (child.type === 'text' && child.value.includes('\n')) child.value = joinLines(child.value);
  });
  const root = await toMdast(tree);
  return shapeArticle(root, (node) => {
    const start = node.position?.start;
    return start ? { file, line: start.line, column: start.column } : { file };
  });
}

function readInput(path: string, file: string, world: World): Uint8Array {
  const kind = world.kind(path);
  if (kind === 'missing') throw new BulletinError(`${file} does not exist`, undefined, 'give the path of a .docx or .html file');
  if (kind !== 'file') throw new BulletinError(`${file} is not a regular file; it is not read`, { file }, 'give a .docx or .html file');
  return world.readFile(path);
}

async function finish(article: Imported, input: string, options: ImportOptions, world: World): Promise<ImportResult> {
  const warnings = [...article.warnings];
  if (options.strict && warnings.length > 0) {
    throw BulletinErrors.of(warnings.map((w) => new BulletinError(w.message, w.pos, w.hint ?? 'fix it in the source document, or import without --strict and fix the article by hand')));
  }
  const markdown = writeArticle(article);
  if (options.issue !== undefined) {
    if (options.output !== undefined) throw new BulletinError('give -o or --issue, not both', undefined, '--issue names the file itself, like the other articles of the issue');
    return { written: addToIssue(options.issue, article.front.title ?? '', markdown, options.force ?? false, world), warnings };
  }
  if (options.output === undefined || options.output === STDOUT || world.isStandardOutput(options.output)) return { stdout: markdown, written: [], warnings };
  const target = resolve(world.cwd, options.output);
  writeNew(target, markdown, options.force ?? false, world, [input]);
  return { written: [shown(target, world)], warnings };
}
