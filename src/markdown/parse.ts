import { isScalar } from 'yaml';
import type { RootContent, PhrasingContent, FootnoteDefinition } from 'mdast';
import { BulletinError, ErrorList, type SourcePos } from '../errors.js';
import { YamlFile } from '../manifest/yamlfile.js';
import { parseMarkdown } from './article-parser.js';
import { plainArticle } from './plain.js';
import { LineIndex } from './lines.js';
import { prescan } from './prescan.js';
import type { Article, Block, Inline, Located, Note } from './types.js';

/** Markdown with YAML front matter → an Article. `file` is the name errors show. */
export function parseArticle(file: string, source: string): Article {
  const lines = new LineIndex(file, source);
  prescan(file, source);
  const root = plainArticle(lines) ?? parseMarkdown(source);
  const [first, ...rest] = root.children;
  if (first?.type !== 'yaml') {
    throw new BulletinError('the article has no YAML front matter', { file, line: 1, column: 1 }, 'start the file with a --- line, the fields title, byline and source, and another --- line');
  }
  const front = new FrontMatter(first.value, (first.position?.start.line ?? 1) + 1, lines);
  const notes = new NoteTable(lines);
  const body = rest.flatMap((node) => toBlocks(node, lines, notes));
  if (body.length === 0) throw new BulletinError('the article has no body text', lines.pos(source.length), 'write the article text below the front matter');
  const title = front.string('title', true, true)!;
  const toc = front.string('toc');
  return {
    file,
    title,
    toc: toc ?? { text: title.text.replace(/\s*\n\s*/g, ''), pos: title.pos },
    tocFromTitle: !toc,
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

const FIELDS = ['title', 'toc', 'byline', 'source', 'intro', 'epigraph', 'epigraph_source', 'abstract', 'keywords'] as const;
const REQUIRED = ['title', 'byline', 'source'] as const;

/** The front matter's fields, each with the place of its text in the article file. */
class FrontMatter {
  private readonly yaml: YamlFile;
  constructor(
    text: string,
    firstLine: number,
    private readonly lines: LineIndex,
  ) {
    this.yaml = new YamlFile(lines.file, text, 'the front matter', firstLine);
    const found = new ErrorList();
    found.attempt(() => this.yaml.checkKeys(this.yaml.root, FIELDS, 'the front matter'));
    for (const key of REQUIRED) found.attempt(() => this.yaml.required(this.yaml.root, key, 'the front matter'));
    found.throwIfAny();
  }

  /** A text field; line breaks join Chinese with nothing and Latin words with a space, except where kept (a title's forced breaks). */
  string(key: string, required = false, keepLineBreaks = false): Located | undefined {
    const node = required ? this.yaml.required(this.yaml.root, key, 'the front matter') : this.yaml.node(this.yaml.root, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    const raw = this.yaml.string(node, key).trim();
    return { text: keepLineBreaks ? raw : joinLines(raw), pos: this.lines.locate(raw, this.yaml.posOf(node)) };
  }

  /** A block of text whose paragraphs are separated by blank lines. */
  paragraphs(key: string): Located[] {
    const node = this.yaml.node(this.yaml.root, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return [];
    const from = this.yaml.posOf(node);
    return this.yaml
      .string(node, key)
      .split(/\n\s*\n/)
      .filter((p) => p.trim())
      .map((raw) => ({ text: joinLines(raw.trim()), pos: this.lines.locate(raw, from) }));
  }

  list(key: string): Located[] {
    const node = this.yaml.node(this.yaml.root, key);
    if (node === undefined) return [];
    if (isScalar(node)) return node.value === null ? [] : [this.string(key)!];
    return this.yaml.list(node, key).map((item) => {
      const raw = this.yaml.string(item, `each entry of “${key}”`).trim();
      return { text: joinLines(raw), pos: this.lines.locate(raw, this.yaml.posOf(item)) };
    });
  }
}

/** Join the lines of a wrapped text: Chinese with nothing, Latin words with a space. */
export function joinLines(text: string): string {
  return text.replace(/\s*\n\s*/g, (_, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _.length] ?? '';
    return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
  });
}

/** Footnotes: number the references in reading order; each definition collects its numbers. */
class NoteTable {
  private count = 0;
  /** By identifier: GFM matches a reference to its definition case-insensitively. */
  private readonly numbers = new Map<string, number[]>();
  private readonly definitions: FootnoteDefinition[] = [];
  constructor(private readonly lines: LineIndex) {}

  reference(identifier: string): number {
    const n = ++this.count;
    this.numbers.set(identifier, [...(this.numbers.get(identifier) ?? []), n]);
    return n;
  }

  define(node: FootnoteDefinition): void {
    const earlier = this.definitions.find((d) => d.identifier === node.identifier);
    if (earlier) {
      throw new BulletinError(`footnote [^${node.label ?? node.identifier}] is defined twice (first at line ${startOf(earlier, this.lines).line})`, startOf(node, this.lines), 'merge the two definitions into one');
    }
    this.definitions.push(node);
  }

  /**
   * Definitions in order of their first reference; one never referenced follows, unnumbered.
   * Every definition's text is read before any numbers are, since a note may cite another.
   */
  finish(): Note[] {
    const texts = this.definitions.map((def) => {
      const [first, second] = def.children;
      if (second) unsupported(second, this.lines, 'a second paragraph or block in a footnote');
      if (first?.type !== 'paragraph') return first ? unsupported(first, this.lines, 'a block other than a paragraph inside a footnote') : [];
      return paragraphInlines(first.children, this.lines, this);
    });
    const notes = this.definitions.map((def, i) => ({ label: def.label ?? def.identifier, numbers: this.numbers.get(def.identifier) ?? [], inlines: texts[i], pos: startOf(def, this.lines) }));
    const first = (note: Note) => note.numbers[0] ?? Number.MAX_SAFE_INTEGER;
    return notes.sort((a, b) => first(a) - first(b));
  }
}

function toBlocks(node: RootContent, lines: LineIndex, notes: NoteTable): Block[] {
  const pos = startOf(node, lines);
  switch (node.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', inlines: paragraphInlines(node.children, lines, notes), pos }];
    case 'heading':
      if (node.depth > 2) unsupported(node, lines, 'a heading deeper than ##');
      return [{ kind: 'heading', level: node.depth as 1 | 2, inlines: paragraphInlines(node.children, lines, notes), pos }];
    case 'footnoteDefinition':
      notes.define(node);
      return [];
    case 'definition':
      return [];
    default:
      return unsupported(node, lines);
  }
}

type Piece = Inline | { kind: 'lineBreak' };

/**
 * A paragraph's inlines. A line break inside it, soft or hard, joins Chinese text with nothing
 * and Latin words with a space of its own, so no character's column shifts.
 */
function paragraphInlines(nodes: PhrasingContent[], lines: LineIndex, notes: NoteTable): Inline[] {
  const inlines: Inline[] = [];
  let lastText = -1;
  let breakPending = false;
  for (const piece of toPieces(nodes, lines, notes, false)) {
    if (piece.kind === 'lineBreak') {
      breakPending = true;
      continue;
    }
    if (piece.kind === 'text' && piece.text === '') continue;
    // The text before the break, looking past a note marker: word[^x]⏎next keeps its space, after the marker.
    const before = inlines[lastText];
    if (breakPending && before?.kind === 'text' && piece.kind === 'text' && /[\x21-\x7e]$/.test(before.text) && /^[\x21-\x7e]/.test(piece.text)) {
      inlines.push({ kind: 'text', text: ' ', strong: piece.strong, pos: piece.pos });
    }
    if (piece.kind === 'text') [breakPending, lastText] = [false, inlines.length];
    inlines.push(piece);
  }
  return inlines;
}

function toPieces(nodes: PhrasingContent[], lines: LineIndex, notes: NoteTable, strong: boolean): Piece[] {
  return nodes.flatMap((node): Piece[] => {
    const pos = startOf(node, lines);
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return textPieces(node.value, pos, strong, lines);
      case 'strong':
        return toPieces(node.children, lines, notes, true);
      case 'emphasis':
      case 'delete':
      case 'link':
        return toPieces(node.children, lines, notes, strong);
      case 'break':
        return [{ kind: 'lineBreak' }];
      case 'footnoteReference':
        return [{ kind: 'noteRef', number: notes.reference(node.identifier), pos }];
      default:
        return unsupported(node, lines);
    }
  });
}

/** A text node's lines, each with its own position. GFM leaves a reference to an undefined footnote as literal text: that is an error here. */
function textPieces(value: string, pos: SourcePos, strong: boolean, lines: LineIndex): Piece[] {
  const dangling = /\[\^([^\]\s]+)\]/.exec(value);
  if (dangling) {
    throw new BulletinError(`footnote [^${dangling[1]}] is referenced but never defined`, lines.locate(dangling[0], pos), `add a line “[^${dangling[1]}]: …” at the end of the article`);
  }
  return value.split('\n').flatMap((text, i): Piece[] => {
    const at = i === 0 ? pos : lines.locate(text, { file: pos.file, line: (pos.line ?? 1) + i, column: 1 });
    return [...(i > 0 ? [{ kind: 'lineBreak' } as const] : []), { kind: 'text', text, strong, pos: at }];
  });
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
