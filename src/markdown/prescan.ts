import { BulletinError, type SourcePos } from '../errors.js';

/** Containers (block quotes, list items) one inside another; an article needs a handful at most. */
export const MAX_NESTING = 32;
/** Characters in one run of * _ or ~. */
export const MAX_RUN = 32;
/** Runs of * _ ~ and brackets [ ] in one paragraph. */
export const MAX_MARKS = 256;

/**
 * Refuse, before remark sees it, Markdown that would make its parser take minutes or overflow
 * the stack: remark is superlinear in container depth and in the emphasis delimiters and
 * brackets of a paragraph (10,000 `[` took 21 s, `**a ` 10,000 times over 60 s, a list 1,000
 * deep 42 s, 10,000 nested `>` overflowed the stack). One pass over the text, linear in its
 * length; the front matter is YAML, not Markdown, and is skipped.
 */
export function prescan(file: string, source: string): void {
  let line = 1;
  let offset = frontMatterEnd(source);
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
  let marks = 0;
  // Most characters of an article are none of \ * _ ~ [ ]: the next one is found ahead, natively.
  let next = markFrom(source, offset);
  while (offset < source.length) {
    const end = lineEnd(source, offset);
    const at = (i: number): SourcePos => ({ file, line, column: i - offset + 1 });
    const body = checkNesting(source, offset, end, at);
    if (body === end) marks = 0; // a blank line ends the paragraph
    if (next < body) next = markFrom(source, body);
    for (let i = next; i < end; i = next) {
      const c = source[i];
      let after = i + 1;
      if (c === '\\') {
        after = i + 2;
      } else if (c === '*' || c === '_' || c === '~') {
        let run = i;
        while (run < end && source[run] === c) run++;
        if (run - i > MAX_RUN) throw new BulletinError(`a run of ${run - i} “${c}” is longer than ${MAX_RUN}`, at(i), 'remove the extra marks; the Markdown parser slows down sharply on long runs');
        if (++marks > MAX_MARKS) throw tooManyMarks(at(i));
        after = run;
      } else if (++marks > MAX_MARKS) {
        throw tooManyMarks(at(i));
      }
      next = markFrom(source, after);
    }
    offset = end + 1;
    line++;
  }
}

const MARK = /[\\*_~[\]]/g;

/** Where the first \ * _ ~ [ or ] at or after `from` is; the text's length when there is none. */
function markFrom(source: string, from: number): number {
  MARK.lastIndex = from;
  return MARK.exec(source)?.index ?? source.length;
}

/** Skip the line's container markers (>, -, *, +, 1. 1)) and indentation; refuse nesting beyond MAX_NESTING. Returns where its text starts. */
function checkNesting(source: string, start: number, end: number, at: (i: number) => SourcePos): number {
  let markers = 0;
  let indent = 0;
  let i = start;
  for (;;) {
    const c = source[i];
    if (c === ' ') indent += 1;
    else if (c === '\t') indent += 4;
    else if (c === '>' || (isBullet(c) && isSpaceOrEnd(source, i + 1, end))) markers += 1;
    else if (isDigit(c)) {
      let j = i;
      while (j < end && j - i < 9 && isDigit(source[j])) j++;
      if (!(source[j] === '.' || source[j] === ')') || !isSpaceOrEnd(source, j + 1, end)) return i;
      markers += 1;
      i = j;
    } else return i;
    // A nested list item is indented at least two columns past its parent's.
    if (markers + Math.floor(indent / 2) > MAX_NESTING) {
      throw new BulletinError(`block quotes or lists nested more than ${MAX_NESTING} deep`, at(i), 'flatten the nesting; articles are paragraphs and headings');
    }
    i++;
  }
}

function tooManyMarks(pos: SourcePos): BulletinError {
  return new BulletinError(`more than ${MAX_MARKS} emphasis marks (* _ ~) and brackets in one paragraph`, pos, 'split the paragraph or remove marks; the Markdown parser slows down sharply on so many');
}

/**
 * Where the YAML front matter (--- … ---) ends: the offset just past its closing line; 0 when there
 * is none. Only ---, as remark-frontmatter closes it: a block it reads as Markdown is scanned.
 */
function frontMatterEnd(source: string): number {
  if (!/^---[ \t]*\n/.test(source)) return 0;
  const close = /\n---[ \t]*(?:\n|$)/g;
  close.lastIndex = 3;
  const match = close.exec(source);
  return match ? Math.min(source.length, match.index + match[0].length) : 0;
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end < 0 ? source.length : end;
}

const isBullet = (c: string) => c === '-' || c === '*' || c === '+';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isSpaceOrEnd = (source: string, i: number, end: number) => i >= end || source[i] === ' ' || source[i] === '\t';
