import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { Root, RootContent, PhrasingContent, FootnoteDefinition } from 'mdast';
import { BulletinError, type SourcePos } from '../errors.js';
import { suggestion } from '../suggest.js';
import type { Article, Block, Inline, Located, Note } from './types.js';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

const FIELDS = ['title', 'toc', 'byline', 'source', 'intro', 'epigraph', 'epigraph_source', 'abstract', 'keywords'] as const;
const REQUIRED = ['title', 'byline', 'source'] as const;

/** Markdown with YAML front matter → an Article. `file` is the name errors show. */
export function parseArticle(file: string, source: string): Article {
  const lines = new LineIndex(file, source);
  const root = processor.parse(source) as Root;
  const [first, ...rest] = root.children;
  if (first?.type !== 'yaml') {
    throw new BulletinError('the article has no YAML front matter', { file, line: 1, column: 1 }, 'start the file with a --- line, the fields title, byline and source, and another --- line');
  }
  const front = parseFrontMatter(first.value, (first.position?.start.offset ?? 0) + 4, lines);
  const notes = new NoteTable(lines);
  const body = rest.flatMap((node) => toBlocks(node, lines, notes));
  if (body.length === 0) throw new BulletinError('the article has no body text', lines.pos(source.length), 'write the article text below the front matter');
  const title = front.string('title', true)!;
  return {
    file,
    title,
    toc: front.string('toc') ?? { text: title.text.replace(/\s*\n\s*/g, ''), pos: title.pos },
    byline: front.string('byline', true)!,
    source: front.string('source', true)!,
    intro: front.paragraphs('intro'),
    epigraph: front.string('epigraph'),
    epigraphSource: front.string('epigraph_source'),
    abstract: front.string('abstract'),
    keywords: front.list('keywords'),
    body,
    notes: notes.finish(),
  };
}

/** Offsets in the file → line and column, and finding a value's text in the file. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(
    readonly file: string,
    readonly source: string,
  ) {
    for (let i = 0; i < source.length; i++) if (source[i] === '\n') this.starts.push(i + 1);
  }
  pos(offset: number): SourcePos {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
  /** Where `text` first appears at or after `from`, so that a column points at the character itself. */
  locate(text: string, from: number): SourcePos {
    const firstLine = text.split('\n')[0];
    const at = firstLine ? this.source.indexOf(firstLine, from) : -1;
    return this.pos(at >= 0 ? at : from);
  }
}

function parseFrontMatter(yamlText: string, offset: number, lines: LineIndex) {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const at = (o: number) => lines.pos(offset + o);
  const problem = doc.errors[0];
  if (problem) throw new BulletinError(`front matter is not valid YAML: ${firstSentence(problem.message)}`, at(problem.pos[0]), 'fix the YAML between the --- lines');
  const contents = doc.contents;
  if (!isMap(contents)) throw new BulletinError('front matter must be a mapping of fields (title: …)', at(0));
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!(FIELDS as readonly string[]).includes(key)) {
      const keyAt = isScalar(pair.key) && pair.key.range ? pair.key.range[0] : 0;
      throw new BulletinError(`unknown front-matter field “${key}”`, at(keyAt), suggestion(key, FIELDS));
    }
  }
  for (const key of REQUIRED) {
    if (!doc.has(key)) throw new BulletinError(`front matter lacks the required field “${key}”`, at(0), `add a line “${key}: …”`);
  }
  return new FrontMatter(doc, (o) => offset + o, lines);
}

class FrontMatter {
  constructor(
    private readonly doc: Document,
    private readonly fileOffset: (o: number) => number,
    private readonly lines: LineIndex,
  ) {}

  string(key: string, required = false): Located | undefined {
    const node = this.doc.get(key, true);
    if (node === undefined || (isScalar(node) && node.value === null)) {
      if (required) throw new BulletinError(`front-matter field “${key}” is empty`, this.lines.pos(this.fileOffset(0)));
      return undefined;
    }
    if (!isScalar(node) || (typeof node.value !== 'string' && typeof node.value !== 'number')) {
      throw new BulletinError(`front-matter field “${key}” must be text`, this.nodePos(node));
    }
    const text = String(node.value).trim();
    if (required && !text) throw new BulletinError(`front-matter field “${key}” is empty`, this.nodePos(node));
    return { text, pos: this.lines.locate(text, this.fileOffset(node.range?.[0] ?? 0)) };
  }

  /** A block of text whose paragraphs are separated by blank lines. */
  paragraphs(key: string): Located[] {
    const whole = this.string(key);
    if (!whole) return [];
    const node = this.doc.get(key, true) as { range?: [number, number] };
    const from = this.fileOffset(node.range?.[0] ?? 0);
    return whole.text
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s*\n\s*/g, ''))
      .filter((p) => p)
      .map((text) => ({ text, pos: this.lines.locate(text, from) }));
  }

  list(key: string): Located[] {
    const node = this.doc.get(key, true);
    if (node === undefined) return [];
    if (isScalar(node)) return this.string(key) ? [this.string(key)!] : [];
    if (!isSeq(node)) throw new BulletinError(`front-matter field “${key}” must be a list or text`, this.nodePos(node));
    return node.items.map((item) => {
      if (!isScalar(item) || item.value === null || typeof item.value === 'object') {
        throw new BulletinError(`each entry of “${key}” must be text`, this.nodePos(item));
      }
      const text = String(item.value);
      return { text, pos: this.lines.locate(text, this.fileOffset(item.range?.[0] ?? 0)) };
    });
  }

  private nodePos(node: unknown): SourcePos {
    const range = (node as { range?: [number, number] }).range;
    return this.lines.pos(this.fileOffset(range?.[0] ?? 0));
  }
}

/** Footnotes: number the references in reading order; each definition collects its numbers. */
class NoteTable {
  private count = 0;
  private readonly numbers = new Map<string, number[]>();
  private readonly definitions: FootnoteDefinition[] = [];
  constructor(private readonly lines: LineIndex) {}

  reference(label: string): number {
    const n = ++this.count;
    const list = this.numbers.get(label) ?? [];
    list.push(n);
    this.numbers.set(label, list);
    return n;
  }

  define(node: FootnoteDefinition): void {
    this.definitions.push(node);
  }

  /** Definitions in order of their first reference; one never referenced follows, unnumbered. */
  finish(): Note[] {
    const notes = this.definitions.map((def) => {
      const label = def.label ?? def.identifier;
      const inlines = def.children.flatMap((child) => {
        if (child.type !== 'paragraph') unsupported(child, this.lines, 'inside a footnote');
        return toInlines(child.children, this.lines, this, false);
      });
      return { label, numbers: this.numbers.get(label) ?? this.numbers.get(def.identifier) ?? [], inlines, pos: startOf(def, this.lines) };
    });
    const first = (note: Note) => note.numbers[0] ?? Number.MAX_SAFE_INTEGER;
    return notes.sort((a, b) => first(a) - first(b));
  }
}

function toBlocks(node: RootContent, lines: LineIndex, notes: NoteTable): Block[] {
  const pos = startOf(node, lines);
  switch (node.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', inlines: toInlines(node.children, lines, notes, false), pos }];
    case 'heading':
      if (node.depth > 2) unsupported(node, lines, 'a heading deeper than ## ');
      return [{ kind: 'heading', level: node.depth as 1 | 2, inlines: toInlines(node.children, lines, notes, false), pos }];
    case 'footnoteDefinition':
      notes.define(node);
      return [];
    case 'definition':
      return [];
    default:
      return unsupported(node, lines);
  }
}

function toInlines(nodes: PhrasingContent[], lines: LineIndex, notes: NoteTable, strong: boolean): Inline[] {
  return nodes.flatMap((node): Inline[] => {
    const pos = startOf(node, lines);
    switch (node.type) {
      case 'text':
        return textInlines(node.value, pos, strong, lines);
      case 'inlineCode':
        return textInlines(node.value, pos, strong, lines);
      case 'strong':
        return toInlines(node.children, lines, notes, true);
      case 'emphasis':
      case 'delete':
      case 'link':
        return toInlines(node.children, lines, notes, strong);
      case 'break':
        return [];
      case 'footnoteReference':
        return [{ kind: 'noteRef', number: notes.reference(node.label ?? node.identifier), pos }];
      default:
        return unsupported(node, lines);
    }
  });
}

/**
 * A soft line break inside a paragraph joins Chinese text with nothing and Latin words with a
 * space. GFM leaves a reference to an undefined footnote as literal text: that is an error here.
 */
function textInlines(value: string, pos: SourcePos, strong: boolean, lines: LineIndex): Inline[] {
  const dangling = /\[\^([^\]\s]+)\]/.exec(value);
  if (dangling) {
    const at = lines.locate(dangling[0], offsetOf(pos, lines));
    throw new BulletinError(`footnote [^${dangling[1]}] is referenced but never defined`, at, `add a line “[^${dangling[1]}]: …” at the end of the article`);
  }
  const pieces = value.split('\n');
  return pieces.map((piece, i) => {
    const previous = pieces[i - 1];
    const latinJoin = previous !== undefined && /[\x21-\x7e]$/.test(previous) && /^[\x21-\x7e]/.test(piece);
    const at: SourcePos = i === 0 ? pos : lines.locate(piece, offsetOf({ file: pos.file, line: (pos.line ?? 1) + i, column: 1 }, lines));
    return { kind: 'text', text: (latinJoin ? ' ' : '') + piece, strong, pos: at };
  });
}

function offsetOf(pos: SourcePos, lines: LineIndex): number {
  const lineStart = lines.source.split('\n').slice(0, (pos.line ?? 1) - 1).reduce((n, l) => n + l.length + 1, 0);
  return lineStart + (pos.column ?? 1) - 1;
}

function startOf(node: { position?: { start: { offset?: number } } }, lines: LineIndex): SourcePos {
  return lines.pos(node.position?.start.offset ?? 0);
}

const NAMES: Record<string, string> = {
  table: 'a table',
  image: 'an image',
  imageReference: 'an image',
  code: 'a code block',
  html: 'raw HTML',
  list: 'a list',
  blockquote: 'a block quote',
  thematicBreak: 'a horizontal rule',
  math: 'math',
};

function unsupported(node: { type: string; position?: { start: { offset?: number } } }, lines: LineIndex, what?: string): never {
  const name = what ?? NAMES[node.type] ?? `Markdown “${node.type}”`;
  throw new BulletinError(`${name} is not supported in bulletin articles`, startOf(node, lines), 'write it as paragraphs, or ask for the construct to be supported; nothing is dropped silently');
}

function firstSentence(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
