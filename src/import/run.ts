import { extname, resolve } from 'node:path';
import { display as shown } from '../build.js';
import type { Diagnostic } from '../diagnostics.js';
import { BulletinError, BulletinErrors } from '../errors.js';
import { checkpoint } from '../interrupt.js';
import { STDOUT } from '../output.js';
import type { World } from '../world.js';
import { importDocx } from './docx.js';
import { importHtml } from './html.js';
import { importIssue } from './issue/index.js';
import { addToIssue } from './issue-file.js';
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
  /** A back issue: the template it was printed with. */
  template?: string;
}

export interface ImportResult {
  /** What goes to standard output (the article, when no file is written). */
  stdout?: string;
  /** Files written, as shown to the user. */
  written: string[];
  warnings: Diagnostic[];
}

/** Readers of one article, by the file's extension: its bytes → front matter, body and warnings. */
const ARTICLE_READERS: Record<string, (bytes: Uint8Array, file: string) => Promise<Imported>> = {
  '.docx': importDocx,
  '.html': importHtml,
  '.htm': importHtml,
};

/** `bulletin import <file>`: a Word document or saved web page → an article of ours. */
export async function runImport(input: string, options: ImportOptions, world: World): Promise<ImportResult> {
  const path = resolve(world.cwd, input);
  const file = shown(path, world);
  const extension = extname(path).toLowerCase();
  if (extension === '.doc' || extension === '.wps') {
    throw new BulletinError(`${file} is an old binary ${extension} file, which bulletin cannot read`, { file }, 'open it in Word, WPS or LibreOffice and save it as .docx (Word document), then import the .docx');
  }
  if (extension === '.pdf' || extension === '.txt') return importBackIssue(input, options, world);
  const read = ARTICLE_READERS[extension];
  if (read) {
    const article = await read(readInput(path, file, world), file);
    // Ctrl-C while a long document converts stops here, before anything is written.
    await checkpoint(world);
    return finish(article, path, options, world);
  }
  throw new BulletinError(`cannot import ${file}: give a Word .docx file or a saved web page (.html), or a back issue's .pdf or .txt`, { file });
}

/** A whole back issue, its PDF or the text extracted from it → an issue folder named by -o. */
async function importBackIssue(input: string, options: ImportOptions, world: World): Promise<ImportResult> {
  if (options.output === undefined || options.output === STDOUT || options.issue !== undefined) {
    throw new BulletinError(`${input} is a whole issue: it is imported into a folder`, undefined, 'name a new folder with -o, e.g. -o issues/<n>/');
  }
  const imported = await importIssue(input, { output: options.output, force: options.force, template: options.template }, world);
  return { written: [`${shown(imported.folder, world)}/ (${imported.files.join(', ')})`], warnings: imported.warnings };
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
