import { isAbsolute, join, relative, resolve, dirname, sep } from 'node:path';
import { isUtf8 } from 'node:buffer';
import { BulletinError, BulletinErrors, type SourcePos } from './errors.js';
import { openFace, type LoadedFace } from './fonts/fontbook.js';
import { layoutIssue } from './layout/index.js';
import type { LaidOutDocument } from './layout/types.js';
import type { SetBlock } from './layout/setblock.js';
import { parseIssue } from './manifest/issue.js';
import { parseTemplate } from './manifest/template.js';
import { cachedTemplate } from './manifest/template-cache.js';
import type { Issue, Template } from './manifest/types.js';
import { parseArticle } from './markdown/parse.js';
import type { Article } from './markdown/types.js';
import { checkpoint } from './interrupt.js';
import { decideOutput, STDOUT, type OutputTarget } from './output.js';
import { renderPdfParts } from './render/pdf.js';
import type { PageCache } from './render/pagecache.js';
import type { SubsetCache } from './render/subsets.js';
import type { FileKind, World } from './world.js';

export const PDF_STANDARDS = ['a-2b', 'ua-1'] as const;

/** The template of the bulletin this tool was made for: `fonts` shows it, a back issue is read with it, unless told otherwise. */
export const DEFAULT_TEMPLATE = 'xinxi-jijin';
export type PdfStandard = (typeof PDF_STANDARDS)[number];

export interface BuildOptions {
  /** An issue number (issues/<n>/issue.yaml), an issue folder or a manifest file. */
  issue: string;
  output?: string;
  /** Unix seconds for the PDF's dates; else SOURCE_DATE_EPOCH; else the issue's date. */
  creationTimestamp?: number;
  /** 'a-2b' for PDF/A-2b, 'ua-1' for PDF/UA-1; both may be given. */
  pdfStandards?: readonly PdfStandard[];
  /** Tags (structure tree, ActualText, artifacts) are written unless this is false: the smallest file. */
  tagged?: boolean;
  /** An uncompressed preview (watch): the same pages, written faster, a bigger file. */
  preview?: boolean;
  /** Replace a file that is not a PDF, or write a new one not named .pdf (never one of the issue's own files). */
  force?: boolean;
}

/** An issue read and checked, with its template and fonts. */
export interface Loaded extends LoadedTemplate {
  issue: Issue;
  articles: Article[];
  /** Every file the build read. */
  inputs: string[];
}

export interface BuildResult {
  output: string;
  /** The PDF went to standard output: messages must not. */
  toStdout: boolean;
  pages: number;
  bytes: number;
}

/** Fonts already opened, by file path: builds in one process (--all, watch) open each once. */
export type FaceCache = Map<string, LoadedFace>;

/** What builds in one process keep between them: open fonts; for watch, each file parsed (by path), set blocks, embedded font subsets and drawn pages. */
export interface LoadCache {
  faces: FaceCache;
  /** A file's text and what parsing it gave: the manifest's Issue, the template's Template, an article's Article. */
  parsed?: Map<string, { text: string; value: unknown }>;
  blocks?: Map<string, SetBlock>;
  subsets?: SubsetCache;
  pages?: PageCache;
}

/** A template with its fonts open. */
export interface LoadedTemplate {
  template: Template;
  templatePath: string;
  faces: Map<string, LoadedFace>;
  /** Face id → the font file it came from, as shown to the user. */
  fontFiles: Map<string, string>;
}

/** Find templates/<name>/template.yaml (working directory first, then bulletin's own), read it, open its fonts. */
export function loadTemplate(name: string, world: World, cache: LoadCache = { faces: new Map() }, pos?: SourcePos): LoadedTemplate {
  const { template, templatePath } = readTemplate(name, world, pos, cache.parsed);
  const faces = new Map<string, LoadedFace>();
  const fontFiles = new Map<string, string>();
  for (const [id, face] of Object.entries(template.faces)) {
    const path = findFont(face.file, dirname(templatePath), world, template.file);
    fontFiles.set(id, display(path, world));
    const key = `${path}\0${id}\0${face.raise}\0${template.grid.emAscent}`;
    let loaded = cache.faces.get(key);
    if (!loaded) {
      loaded = openFace(id, display(path, world), world.openRanged(path), face.raise, template.grid.emAscent);
      cache.faces.set(key, loaded);
    }
    faces.set(id, loaded);
  }
  return { template, templatePath, faces, fontFiles };
}

/**
 * Read and check everything an issue needs: manifest, template, articles, fonts. Every
 * article is read even after one fails, and all their errors are thrown together; with
 * `problems`, they are put there instead and the good articles are returned.
 */
export function loadIssue(spec: string, world: World, cache: LoadCache = { faces: new Map() }, problems?: BulletinError[]): Loaded {
  const manifestPath = resolveManifest(spec, world);
  const issue = readManifest(manifestPath, world, cache.parsed);
  const loadedTemplate = loadTemplate(issue.template, world, cache, issue.templatePos);
  const { templatePath, fontFiles } = loadedTemplate;
  const issueDir = dirname(manifestPath);
  const failed: BulletinError[] = [];
  let realIssueDir: string | undefined;
  const articles = issue.articles.flatMap((ref) => {
    try {
      const path = articlePath(issueDir, ref.path, world, ref.pos, () => (realIssueDir ??= world.realpath(issueDir)));
      return [parsedOnce(path, readText(path, world, ref.pos), (text) => parseArticle(display(path, world), text), cache.parsed)];
    } catch (error) {
      if (!(error instanceof BulletinError)) throw error;
      failed.push(...BulletinErrors.each(error));
      return [];
    }
  });
  if (problems) problems.push(...failed);
  else if (failed.length > 0) throw BulletinErrors.of(failed);
  const inputs = [manifestPath, templatePath, ...issue.articles.map((ref) => resolve(issueDir, ref.path)), ...[...fontFiles.values()].map((f) => resolve(world.cwd, f))];
  return { ...loadedTemplate, issue, articles, inputs };
}

export function layoutLoaded(loaded: Loaded, options: Pick<BuildOptions, 'creationTimestamp'>, world: World, blockCache?: Map<string, SetBlock>): LaidOutDocument {
  return layoutIssue({ ...loaded, fonts: loaded.faces, date: documentDate(loaded.issue, options.creationTimestamp, world), blockCache });
}

/** An issue made into PDF bytes, not yet written. */
export interface Rendered {
  /** Absolute path of the PDF to write, or - for standard output. */
  output: string;
  target: OutputTarget;
  pages: number;
  /** The PDF's bytes in parts, one after the other (see renderPdfParts). */
  bytes: readonly Uint8Array[];
  /** Every file the build read, for watch. */
  inputs: string[];
}

/**
 * Where an issue's PDF will go, and the folders of its manifest, template and fonts, read from
 * the manifest alone; undefined parts where the manifest cannot be read (the build will say why).
 */
export function planIssue(options: BuildOptions, world: World, parsed?: LoadCache['parsed']): { output?: string; folders: string[] } {
  try {
    const manifestPath = resolveManifest(options.issue, world);
    const issue = readManifest(manifestPath, world, parsed);
    const output = outputPath(options, issue, world);
    const folders = [dirname(manifestPath)];
    try {
      const templatePath = findTemplate(issue.template, world);
      folders.push(dirname(templatePath), join(world.packageRoot, 'fonts'));
    } catch {
      // an unknown template: the build names it
    }
    return { output, folders };
  } catch {
    return { folders: [] };
  }
}

/** -o (- for standard output), else out/<total>.pdf under the working directory. */
function outputPath(options: BuildOptions, issue: Issue, world: World): string {
  return options.output === STDOUT ? STDOUT : resolve(world.cwd, options.output ?? join('out', `${issue.total}.pdf`));
}

/**
 * Load, lay out and render an issue; the caller writes the bytes (see writeRendered). Between
 * stages the build yields, so that SIGINT and SIGTERM stop it there (see interrupt.ts).
 */
export async function renderIssue(options: BuildOptions, world: World, cache?: LoadCache): Promise<Rendered> {
  await checkpoint(world);
  const loaded = loadIssue(options.issue, world, cache);
  const output = outputPath(options, loaded.issue, world);
  const target = decideOutput(output, shownOutput(output, world), loaded.inputs, options.force ?? false, world);
  await checkpoint(world);
  const document = layoutLoaded(loaded, options, world, cache?.blocks);
  await checkpoint(world);
  const standards = options.pdfStandards ?? [];
  const bytes = await renderPdfParts(document, loaded.faces, { pdfA: standards.includes('a-2b'), pdfUA: standards.includes('ua-1'), tagged: options.tagged, compress: !options.preview, subsets: cache?.subsets, pages: cache?.pages, betweenPages: () => checkpoint(world) });
  await checkpoint(world);
  return { output, target, pages: document.pages.length, bytes, inputs: loaded.inputs };
}

/** Write a rendered PDF where its target says: in place of the old file atomically, into a device, or to standard output. */
export function writeRendered(rendered: Rendered, world: World): BuildResult {
  const shown = shownOutput(rendered.output, world);
  const { target, bytes } = rendered;
  try {
    if (target.kind === 'stdout') world.writeStdout(bytes);
    else if (target.kind === 'device') world.writeToDevice(target.path, bytes);
    else world.writeFileAtomic(target.path, bytes);
  } catch (error) {
    const hint = target.kind === 'stdout' ? 'the program reading standard output stopped before the PDF ended' : 'check that the folder can be created and written and that the disk has room, or choose another with -o';
    throw new BulletinError(`cannot write ${shown}: ${describeIoError(error)}`, undefined, hint);
  }
  return { output: shown, pages: rendered.pages, bytes: byteLength(bytes), toStdout: target.kind === 'stdout' };
}

function shownOutput(output: string, world: World): string {
  return output === STDOUT ? 'standard output' : display(output, world);
}

export async function buildIssue(options: BuildOptions, world: World, cache?: LoadCache): Promise<BuildResult> {
  return writeRendered(await renderIssue(options, world, cache), world);
}

/**
 * The PDF's dates, for reproducible builds: an explicit timestamp, else SOURCE_DATE_EPOCH
 * (reproducible-builds.org), else midnight UTC of the issue's date — never the clock.
 */
export function documentDate(issue: Issue, timestamp: number | undefined, world: World): Date {
  if (timestamp !== undefined) return new Date(timestamp * 1000);
  const epoch = world.env('SOURCE_DATE_EPOCH');
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch) || Number(epoch) > LAST_TIMESTAMP) {
      throw new BulletinError(`SOURCE_DATE_EPOCH must be whole seconds from 1970 to 9999, not “${epoch}”`);
    }
    return new Date(Number(epoch) * 1000);
  }
  const midnight = new Date(0);
  midnight.setUTCFullYear(issue.date.year, issue.date.month - 1, issue.date.day); // Date.UTC reads years 0–99 as 19xx
  return midnight;
}

/** 9999-12-31T23:59:59Z: PDF dates have four-digit years. */
export const LAST_TIMESTAMP = 253402300799;

export function resolveManifest(spec: string, world: World): string {
  const candidate = /^\d+$/.test(spec) ? join(world.cwd, 'issues', spec, 'issue.yaml') : resolve(world.cwd, spec);
  const kind = world.kind(candidate);
  if (kind === 'dir') return resolveManifest(join(candidate, 'issue.yaml'), world);
  if (kind === 'file') return candidate;
  if (kind !== 'missing') throw notRegular(candidate, kind, world);
  const hint = /^\d+$/.test(spec)
    ? `issue numbers are looked up as issues/<n>/issue.yaml under ${world.cwd}; run from the project folder or give a path`
    : 'give an issue number, an issue folder or the path of its issue.yaml';
  throw new BulletinError(`no issue manifest at ${display(candidate, world)}`, undefined, hint);
}

/** templates/<name>/template.yaml read and checked, without opening its fonts. */
export function readTemplate(name: string, world: World, pos?: SourcePos, parsed?: LoadCache['parsed']): { template: Template; templatePath: string } {
  const templatePath = findTemplate(name, world, pos);
  const read = (text: string) => cachedTemplate(world, name, text, display(templatePath, world)) ?? parseTemplate(display(templatePath, world), text);
  return { template: parsedOnce(templatePath, readText(templatePath, world), read, parsed), templatePath };
}

function readManifest(manifestPath: string, world: World, parsed: LoadCache['parsed']): Issue {
  return parsedOnce(manifestPath, readText(manifestPath, world), (text) => parseIssue(display(manifestPath, world), text), parsed);
}

/** `parse(text)` of the file at `path`, or, when `parsed` holds what it gave for this very text, that. */
function parsedOnce<T>(path: string, text: string, parse: (text: string) => T, parsed: LoadCache['parsed']): T {
  const known = parsed?.get(path);
  if (known && known.text === text) return known.value as T;
  const value = parse(text);
  parsed?.set(path, { text, value });
  return value;
}

function findTemplate(name: string, world: World, pos?: SourcePos): string {
  const roots = [...new Set([world.cwd, world.packageRoot])].map((root) => join(root, 'templates'));
  for (const root of roots) {
    const path = join(root, name, 'template.yaml');
    if (/^[\w.-]+$/.test(name) && world.kind(path) === 'file') return path;
  }
  const known = [...new Set(roots.flatMap((root) => (world.kind(root) === 'dir' ? world.listDir(root) : [])))];
  throw new BulletinError(`unknown template “${name}”`, pos, `known templates: ${known.join(', ') || 'none'}`);
}

function findFont(file: string, templateDir: string, world: World, templateFile: string): string {
  for (const path of [join(templateDir, file), join(world.packageRoot, 'fonts', file)]) {
    if (world.kind(path) === 'file') return path;
  }
  throw new BulletinError(`font file ${file} is missing`, { file: templateFile }, `put it in fonts/ (see fonts/README.md for where each font comes from)`);
}

/** An article path must stay inside the issue's folder, also through symbolic links (the folder's real path is resolved once for all articles). */
function articlePath(issueDir: string, path: string, world: World, pos: SourcePos, realIssueDir: () => string): string {
  if (isAbsolute(path)) throw new BulletinError(`article path ${path} is absolute`, pos, 'give the path relative to the issue folder');
  const full = resolve(issueDir, path);
  const inside = (p: string, dir: string) => p === dir || p.startsWith(dir + sep);
  if (!inside(full, issueDir)) throw new BulletinError(`article path ${path} leaves the issue folder`, pos, 'articles must live in the issue’s own folder');
  const kind = world.kind(full);
  if (kind === 'missing') throw new BulletinError(`article file ${path} does not exist`, pos, `create ${display(full, world)} or fix the name`);
  if (kind === 'dir') throw new BulletinError(`article ${path} is a folder, not a file`, pos);
  if (kind !== 'file') throw notRegular(full, kind, world, pos);
  if (!inside(world.realpath(full), realIssueDir())) {
    throw new BulletinError(`article ${path} is a link that points outside the issue folder`, pos, 'copy the file into the issue folder');
  }
  return full;
}

export function readText(path: string, world: World, pos?: SourcePos): string {
  const kind = world.kind(path);
  if (kind !== 'file' && kind !== 'missing' && kind !== 'dir') throw notRegular(path, kind, world, pos);
  let bytes: Uint8Array;
  try {
    bytes = world.readFile(path);
  } catch (error) {
    throw new BulletinError(`cannot read ${display(path, world)}: ${describeIoError(error)}`, pos);
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    throw new BulletinError(`the file is not UTF-8 text: invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte offset ${bad}`, { file: display(path, world) }, 'save the file as UTF-8');
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** Offset of the first byte that breaks UTF-8, or undefined when the bytes are valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  // Node's native check passes valid text (nearly every file) at once; the loop finds where invalid text breaks.
  if (isUtf8(bytes)) return undefined;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i + k < bytes.length ? i + k : i;
    if (length === 3 && ((b === 0xe0 && bytes[i + 1] < 0xa0) || (b === 0xed && bytes[i + 1] >= 0xa0))) return i;
    if (length === 4 && ((b === 0xf0 && bytes[i + 1] < 0x90) || (b === 0xf4 && bytes[i + 1] >= 0x90))) return i;
    i += length;
  }
  return undefined;
}

/** Checked before a file is opened: reading a named pipe blocks until someone writes to it. */
function notRegular(path: string, kind: FileKind, world: World, pos?: SourcePos): BulletinError {
  const what = kind === 'fifo' ? 'a named pipe' : kind === 'device' ? 'a device' : 'a socket or a link to nothing';
  return new BulletinError(`${display(path, world)} is ${what}, not a regular file; it is not read`, pos, 'give a text file saved as UTF-8');
}

/** A path as messages show it: relative to the working directory when inside it. */
export function display(path: string, world: World): string {
  const rel = relative(world.cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

const IO_ERRORS: Record<string, string> = {
  EEXIST: 'a file stands where a folder is needed',
  ENOTDIR: 'a file stands where a folder is needed',
  EISDIR: 'it is a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  ENXIO: 'no process reads the pipe',
  EPIPE: 'the reader closed the pipe',
  ENOENT: 'no such file or folder',
};

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `${IO_ERRORS[code] ?? 'input/output error'} (${code})` : String((error as Error).message);
}

function byteLength(parts: readonly Uint8Array[]): number {
  let length = 0;
  for (let i = 0; i < parts.length; i++) length += parts[i].length;
  return length;
}
