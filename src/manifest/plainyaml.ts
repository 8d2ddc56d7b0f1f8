import { LineCounter, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/**
 * A plain YAML mapping read directly: `key: value` lines at the margin, whose values are plain
 * scalars of one line, double-quoted strings of one line (escapes \n \" \\), literal blocks (| and
 * |-), flow lists of such scalars on one line, or block lists of plain scalars; comment lines
 * before the first key. Undefined for anything else, which the yaml package reads: the nodes,
 * values and ranges (and the line counter's lines) are those it gives (test/plain-yaml.test.ts
 * compares the two). Issue 218's manifest and front matter are plain: the yaml package's parse
 * and its first-run costs under the unoptimised V8 a build runs in were ≈8 ms of a cold build.
 */
export function plainYaml(text: string, counter: LineCounter): YAMLMap | undefined {
  if (NOT_PLAIN.test(text)) return undefined;
  const lines: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.push(i + 1);
  const map = new YAMLMap();
  const keys = new Set<string>();
  let end = 0;
  let line = 0;
  // Comment lines before the first key; elsewhere yaml keeps comments in the nodes' ranges.
  while (line < lines.length && text.charCodeAt(lines[line]) === HASH) line++;
  while (line < lines.length) {
    const start = lines[line];
    if (start === text.length) break;
    const lineEnd = endOf(text, lines, line);
    if (lineEnd === start) {
      line++;
      continue;
    }
    KEY.lastIndex = start;
    const key = KEY.exec(text);
    // A key the core schema reads as null, a boolean or a number is no string key.
    if (!key || keys.has(key[1]) || NOT_A_STRING.test(key[1])) return undefined;
    keys.add(key[1]);
    const keyEnd = start + key[1].length;
    const valueStart = start + key[0].length;
    let value: Scalar | YAMLSeq;
    if (valueStart === lineEnd && key[0].endsWith(':')) {
      const list = blockList(text, lines, line + 1);
      if (!list) return undefined;
      [value, line] = list;
    } else if (valueStart === lineEnd) {
      return undefined;
    } else {
      const c = text[valueStart];
      if (c === '|') {
        const block = literalBlock(text, lines, line, valueStart);
        if (!block) return undefined;
        [value, line] = block;
      } else {
        const read = c === '[' ? flowList(text, valueStart, lineEnd) : c === '"' ? doubleQuoted(text, valueStart, lineEnd) : plainScalar(text, valueStart, lineEnd, false);
        if (!read || read.range![1] !== lineEnd) return undefined;
        // A line indented below it would continue a plain scalar, or be a mapping's next level.
        if (line + 1 < lines.length && text.charCodeAt(lines[line + 1]) === SPACE) return undefined;
        read.range![2] = lineEnd + (lineEnd < text.length ? 1 : 0);
        value = read;
        line++;
      }
    }
    const keyNode = new Scalar(key[1]);
    keyNode.range = [start, keyEnd, keyEnd];
    map.items.push(new Pair(keyNode, value));
    end = value.range![2];
  }
  if (map.items.length === 0) return undefined;
  const first = (map.items[0].key as Scalar).range![0];
  map.range = [first, end, end];
  for (let i = 0; i < lines.length; i++) counter.addNewLine(lines[i]);
  return map;
}

const HASH = 0x23;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/** Tabs, carriage returns, control characters, byte order marks and non-characters, which YAML treats apart; and documents' markers. */
const NOT_PLAIN = /[\0-\x09\x0b-\x1f\x7f-\x9f\ufeff\ufffe\uffff]|^(?:---|\.\.\.)/m;
const KEY = /([A-Za-z_][A-Za-z0-9_]*):(?: |$)/my;
/** A value that the core schema reads as other than a string (null, booleans, numbers); digits alone are whole numbers. */
const NOT_A_STRING = /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const WHOLE_NUMBER = /^[0-9]+$/;
/** Characters that may begin YAML syntax rather than a plain scalar. */
const INDICATOR = /[-?:,[\]{}#&*!|>'"%@` ]/;
/** Inside a flow list, these end or break a plain scalar. */
const FLOW_BREAK = /[,[\]{}:#"']/;

function endOf(text: string, lines: number[], line: number): number {
  return line + 1 < lines.length ? lines[line + 1] - 1 : text.length;
}

/** A plain scalar from `start` to `end` (the line's end, or the next , or ] of a flow list). */
function plainScalar(text: string, start: number, end: number, inFlow: boolean): Scalar | undefined {
  const raw = text.slice(start, end);
  if (raw === '' || INDICATOR.test(raw[0]) || raw.endsWith(' ') || raw.endsWith(':') || raw.includes(': ') || raw.includes(' #')) return undefined;
  if (inFlow && FLOW_BREAK.test(raw)) return undefined;
  let value: string | number = raw;
  if (NOT_A_STRING.test(raw)) {
    if (!WHOLE_NUMBER.test(raw)) return undefined;
    value = parseInt(raw, 10);
  }
  const node = new Scalar(value);
  node.range = [start, end, end];
  return node;
}

/** A double-quoted scalar starting at `start`, ending before `limit`, with the escapes \n \" \\ only. */
function doubleQuoted(text: string, start: number, limit: number): Scalar | undefined {
  let value = '';
  let from = start + 1;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '"') {
      const node = new Scalar(value + text.slice(from, i));
      node.range = [start, i + 1, i + 1];
      return node;
    }
    if (c === '\\') {
      const escaped = text[i + 1];
      if (escaped !== 'n' && escaped !== '"' && escaped !== '\\') return undefined;
      value += text.slice(from, i) + (escaped === 'n' ? '\n' : escaped);
      from = ++i + 1;
    }
  }
  return undefined;
}

/** A flow list `[a, "b", c]` on one line; its range ends past the ]. */
function flowList(text: string, start: number, lineEnd: number): YAMLSeq | undefined {
  const list = new YAMLSeq();
  let at = start + 1;
  for (;;) {
    let item: Scalar | undefined;
    if (text[at] === '"') {
      item = doubleQuoted(text, at, lineEnd);
    } else {
      let to = at;
      while (to < lineEnd && text[to] !== ',' && text[to] !== ']') to++;
      item = plainScalar(text, at, to, true);
    }
    if (!item) return undefined;
    list.items.push(item);
    at = item.range![1];
    if (text[at] === ']') break;
    if (text[at] !== ',' || text[at + 1] !== ' ') return undefined;
    at += 2;
  }
  list.range = [start, at + 1, at + 1];
  return list;
}

/** `- item` lines of plain scalars, from line `line`, all indented alike; with the line after them. */
function blockList(text: string, lines: number[], line: number): [YAMLSeq, number] | undefined {
  if (line >= lines.length) return undefined;
  const first = lines[line];
  let indent = 0;
  while (text.charCodeAt(first + indent) === SPACE) indent++;
  const list = new YAMLSeq();
  for (; line < lines.length && lines[line] < text.length; line++) {
    const start = lines[line];
    const lineEnd = endOf(text, lines, line);
    if (text.startsWith(' '.repeat(indent) + '- ', start)) {
      const item = plainScalar(text, start + indent + 2, lineEnd, false);
      if (!item) return undefined;
      item.range![2] = lineEnd + (lineEnd < text.length ? 1 : 0);
      list.items.push(item);
    } else if (text.charCodeAt(start) === SPACE || text.charCodeAt(start) === NEWLINE) {
      return undefined;
    } else {
      break;
    }
  }
  if (list.items.length === 0) return undefined;
  const end = (list.items[list.items.length - 1] as Scalar).range![2];
  list.range = [first + indent, end, end];
  return [list, line];
}

/** A literal block (| or |-) whose header is at `start` on line `line`; with the line after it. */
function literalBlock(text: string, lines: number[], line: number, start: number): [Scalar, number] | undefined {
  const headerEnd = endOf(text, lines, line);
  const header = text.slice(start, headerEnd);
  if (header !== '|' && header !== '|-') return undefined;
  let next = line + 1;
  if (next >= lines.length) return undefined;
  let indent = 0;
  while (text.charCodeAt(lines[next] + indent) === SPACE) indent++;
  if (indent === 0) return undefined;
  const prefix = ' '.repeat(indent);
  const content: string[] = [];
  let lastContent = -1;
  for (; next < lines.length && lines[next] < text.length; next++) {
    const from = lines[next];
    const to = endOf(text, lines, next);
    if (to === from) {
      content.push('');
    } else if (text.startsWith(prefix, from)) {
      if (text.slice(from, to).trim() === '') return undefined;
      content.push(text.slice(from + indent, to));
      lastContent = next;
    } else if (text.charCodeAt(from) === SPACE) {
      return undefined;
    } else {
      break;
    }
  }
  const lastEnd = endOf(text, lines, lastContent);
  const hasBreak = lastEnd < text.length;
  const value = content.slice(0, lastContent - line).join('\n') + (header === '|' ? '\n' : '');
  const node = new Scalar(value);
  const end = lastEnd + (hasBreak ? 1 : 0);
  node.range = [start, end, end];
  return [node, next];
}
