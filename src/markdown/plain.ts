import type { FootnoteDefinition, Heading, Paragraph, PhrasingContent, Root, RootContent, Yaml } from 'mdast';
import type { LineIndex } from './lines.js';

/**
 * The syntax tree of a plain article, read directly: YAML front matter, then paragraphs, ATX
 * headings and footnote definitions of one line, whose text holds no Markdown but footnote
 * references. Undefined for anything else, which `articleParser` (micromark, article-parser.ts) reads: the tree is
 * the one it gives, node for node and point for point (test/plain-markdown.test.ts compares the
 * two on every article in the repository and on random near-plain Markdown).
 * Issue 218's five articles are plain: micromark, remark and their first-run costs under the
 * unoptimised V8 a build runs in were ≈25 ms of every cold build; this reading is well under 1 ms.
 */
export function plainArticle(lines: LineIndex): Root | undefined {
  const source = lines.source;
  if (!source.startsWith('---\n')) return undefined;
  // The closing fence: the first line starting with ---, which must be --- alone.
  let close = source.indexOf('\n---', 3);
  if (close < 0 || close === 3) return undefined;
  close += 1;
  const afterFence = close + 3;
  if (afterFence < source.length && source.charCodeAt(afterFence) !== NEWLINE) return undefined;
  NOT_PLAIN.lastIndex = afterFence;
  if (NOT_PLAIN.test(source)) return undefined;
  const yaml: Yaml = { type: 'yaml', value: source.slice(4, close - 1), position: { start: lines.point(0), end: lines.point(afterFence) } };
  const children: RootContent[] = [yaml];
  const definitions = new Set<string>();
  /** Each block's text, its inlines read once every footnote definition is known (a reference may come before its definition). */
  const pending: { parent: Paragraph | Heading; from: number; to: number }[] = [];
  let paragraph: Paragraph | undefined;
  for (let start = afterFence + 1; start < source.length; ) {
    let end = source.indexOf('\n', start);
    if (end < 0) end = source.length;
    const first = source.charCodeAt(start);
    if (end === start) {
      paragraph = undefined;
    } else if (source.charCodeAt(end - 1) === SPACE) {
      return undefined;
    } else if (first === HASH) {
      const heading = ATX_HEADING.exec(source.slice(start, end));
      if (!heading) return undefined;
      const from = start + heading[1].length + 1;
      const node: Heading = { type: 'heading', depth: heading[1].length as Heading['depth'], children: [], position: { start: lines.point(start), end: lines.point(end) } };
      children.push(node);
      pending.push({ parent: node, from, to: end });
      paragraph = undefined;
    } else if (first === OPEN_BRACKET) {
      const definition = FOOTNOTE_DEFINITION.exec(source.slice(start, end));
      // A definition stands between blank lines: a lazy line after it would continue its paragraph.
      if (!definition || paragraph || mayStartBlock(source, start + definition[0].length, end) || (end + 1 < source.length && source.charCodeAt(end + 1) !== NEWLINE)) return undefined;
      const identifier = definition[1].toLowerCase();
      if (definitions.has(identifier)) return undefined;
      definitions.add(identifier);
      const from = start + definition[0].length;
      const inner: Paragraph = { type: 'paragraph', children: [], position: { start: lines.point(from), end: lines.point(end) } };
      const node: FootnoteDefinition = { type: 'footnoteDefinition', identifier, label: definition[1], children: [inner], position: { start: lines.point(start), end: lines.point(end) } };
      children.push(node);
      pending.push({ parent: inner, from, to: end });
    } else if (mayStartBlock(source, start, end)) {
      return undefined;
    } else {
      if (paragraph) {
        paragraph.position!.end = lines.point(end);
        pending[pending.length - 1].to = end;
      } else {
        paragraph = { type: 'paragraph', children: [], position: { start: lines.point(start), end: lines.point(end) } };
        children.push(paragraph);
        pending.push({ parent: paragraph, from: start, to: end });
      }
    }
    start = end + 1;
  }
  const brackets = new Brackets(source);
  for (let i = 0; i < pending.length; i++) {
    const { parent, from, to } = pending[i];
    if (!readInlines(source, from, to, parent.children, definitions, lines, brackets)) return undefined;
  }
  return { type: 'root', children, position: { start: lines.point(0), end: lines.point(source.length) } };
}

const NEWLINE = 0x0a;
const SPACE = 0x20;
const HASH = 0x23;
const OPEN_BRACKET = 0x5b;

/**
 * What makes text more than text somewhere in it: escapes, emphasis and strikethrough marks, code
 * spans, HTML and autolinks, character references, tabs, carriage returns and NUL (which micromark
 * rewrites), table pipes, images and the starts of literal URLs and e-mail addresses.
 */
const NOT_PLAIN = /[\\*_~`<&\t\r\0|@]|!\[|https?:|www\./gi;
const ASCII_PUNCTUATION_OR_SPACE = /[\s!-/:-@[-`{-~]/;
const ORDERED_LIST = /^\d+[.)]/;
const ATX_HEADING = /^(#{1,6}) (?=[^\s#])(?!.*#$)/;
const FOOTNOTE_DEFINITION = /^\[\^([A-Za-z0-9-]+)\]: (?=\S)/;
const FOOTNOTE_REFERENCE = /\[\^([A-Za-z0-9-]+)\](?![[(:])/y;

/** Whether text starting at `start` might be more than a paragraph's line: ASCII punctuation or a space may begin a block (a list, a quote, a code block, a rule, a setext underline, a definition). */
function mayStartBlock(source: string, start: number, end: number): boolean {
  return source.charCodeAt(start) < 0x80 && (ASCII_PUNCTUATION_OR_SPACE.test(source[start]) || ORDERED_LIST.test(source.slice(start, Math.min(end, start + 12))));
}

/** Text and footnote references of source[from, to) into `into`; false where a bracket is anything else. */
function readInlines(source: string, from: number, to: number, into: PhrasingContent[], definitions: Set<string>, lines: LineIndex, brackets: Brackets): boolean {
  let textStart = from;
  for (;;) {
    const at = brackets.next(from);
    const bracket = at < to ? at : to;
    if (bracket > textStart) into.push({ type: 'text', value: source.slice(textStart, bracket), position: { start: lines.point(textStart), end: lines.point(bracket) } });
    if (bracket === to) return true;
    if (source.charCodeAt(bracket) !== OPEN_BRACKET) return false;
    FOOTNOTE_REFERENCE.lastIndex = bracket;
    const reference = FOOTNOTE_REFERENCE.exec(source);
    const end = bracket + (reference?.[0].length ?? 0);
    if (!reference || end > to || !definitions.has(reference[1].toLowerCase())) return false;
    into.push({ type: 'footnoteReference', identifier: reference[1].toLowerCase(), label: reference[1], position: { start: lines.point(bracket), end: lines.point(end) } });
    textStart = from = end;
  }
}

/** The brackets of the text, found ahead natively and visited in order: one pass over the article. */
class Brackets {
  private readonly pattern = /[[\]]/g;
  private at = -1;
  constructor(private readonly source: string) {}
  /** The first [ or ] at or after `from` (the text's length when none is). */
  next(from: number): number {
    if (this.at < from) {
      this.pattern.lastIndex = from;
      this.at = this.pattern.exec(this.source)?.index ?? this.source.length;
    }
    return this.at;
  }
}
