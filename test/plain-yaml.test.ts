import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { plainYaml } from '../src/manifest/plainyaml.js';
import { PACKAGE_ROOT } from '../src/world.js';

/*
 * src/manifest/plainyaml.ts reads plain YAML mappings without the yaml package's parser: what it
 * reads must be what the yaml package gives, value, type and range of every node, and the same
 * line starts; what it does not read (undefined) goes to the yaml package.
 */

/** What YamlFile's readers take from the nodes. */
function shape(node: unknown): unknown {
  if (isMap(node)) return { map: node.range, items: node.items.map(shape) };
  if (isSeq(node)) return { seq: node.range, items: node.items.map(shape) };
  if (isPair(node)) return [shape(node.key), shape(node.value)];
  if (isScalar(node)) return { value: node.value, type: typeof node.value, range: node.range };
  return node;
}

/** The plain reading and the yaml package's, or undefined where the text is not plain. */
function both(text: string): { plain: unknown; yaml: unknown } | undefined {
  const counter = new LineCounter();
  const plain = plainYaml(text, counter);
  if (!plain) return undefined;
  const yamlCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: yamlCounter, prettyErrors: false, uniqueKeys: true });
  return { plain: { nodes: shape(plain), lines: counter.lineStarts, errors: 0 }, yaml: { nodes: shape(doc.contents), lines: yamlCounter.lineStarts, errors: doc.errors.length } };
}

/** The front matter of an article: the text between its --- lines. */
const frontMatter = (markdown: string) => /^---\n([\s\S]*?)\n---/.exec(markdown)?.[1];

test('issue 218’s manifest and front matter are plain, and read as the yaml package reads them', () => {
  const dir = join(PACKAGE_ROOT, 'issues', '218');
  const texts = readdirSync(dir).map((name) => {
    const text = readFileSync(join(dir, name), 'utf8');
    return name.endsWith('.md') ? frontMatter(text)! : text;
  });
  expect(texts).toHaveLength(6);
  for (const text of texts) {
    const read = both(text);
    expect(read).toBeDefined();
    expect(read!.plain).toEqual(read!.yaml);
  }
});

test.each([
  ['a nested mapping', 'texts:\n  a: b\n'],
  ['a key the core schema reads as a boolean', 'true: x\n'],
  ['a duplicate key', 'a: x\na: y\n'],
  ['a value continued on the next line', 'a: x\n  y\n'],
  ['a comment after a value', 'a: x # c\n'],
  ['a null value', 'a:\nb: x\n'],
  ['a float', 'a: 1.5\n'],
  ['a folded block', 'a: >\n  x\n'],
  ['a kept block', 'a: |+\n  x\n'],
  ['a single-quoted string', "a: 'x'\n"],
  ['an escape other than \\n \\" \\\\', 'a: "\\t"\n'],
  ['a tab', 'a: x\ty\n'],
  ['a document marker', '---\na: x\n'],
])('%s is left to the yaml package', (_name, text) => {
  expect(plainYaml(text, new LineCounter())).toBeUndefined();
});

const PLAIN_WORDS = ['中文', 'abc', '12', '007', '2025-12-19', '“引”', '😀', 'x:y', 'a-b', '文字 空格'];
const MARKS = ['true', 'null', '~', '1.5', '0x1f', '.inf', ' ', ':', ': ', ' #', '#', '-', '"', "'", '[', ']', ',', ', ', '\\n', '\\"', '\\t', '|', '>', '!', '&', '*', '%', '@', '`', '{', '}', '?'];
const word = fc.oneof({ arbitrary: fc.constantFrom(...PLAIN_WORDS), weight: 6 }, { arbitrary: fc.constantFrom(...MARKS), weight: 1 });
const value = fc.array(word, { minLength: 1, maxLength: 4 }).map((words) => words.join(''));
/** An entry of the mapping, given its key. */
const entry = fc.oneof(
  value.map((v) => (k: string) => `${k}: ${v}`),
  value.map((v) => (k: string) => `${k}: "${v}"`),
  fc.tuple(fc.array(value, { minLength: 1, maxLength: 3 }), fc.constantFrom(', ', ', ', ',', ' , ')).map(([items, sep]) => (k: string) => `${k}: [${items.join(sep)}]`),
  fc
    .tuple(fc.constantFrom('|', '|-', '|', '|-', '|+', '>', '|2'), fc.constantFrom(' ', '  ', '    '), fc.array(fc.oneof({ arbitrary: value, weight: 6 }, { arbitrary: fc.constantFrom('', ' '), weight: 1 }), { minLength: 1, maxLength: 4 }))
    .map(([header, indent, lines]) => (k: string) => [`${k}: ${header}`, ...lines.map((l) => (l.trim() ? indent + l : l))].join('\n')),
  fc.tuple(fc.constantFrom('', '  '), fc.array(value, { maxLength: 3 })).map(([indent, items]) => (k: string) => [`${k}:`, ...items.map((i) => `${indent}- ${i}`)].join('\n')),
  fc.constantFrom('', '# comment', ':', ': ', '  a: x', '- x', ': x # c').map((tail) => (k: string) => (tail.startsWith(':') ? k + tail : tail)),
);
/** Keys: mostly distinct names, now and then one the core schema does not read as a string, or a repeated one. */
const key = fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: fc.constantFrom('true', 'null', '1', 'k0'), weight: 1 });

test('random YAML: what is read is what the yaml package reads', () => {
  let plain = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(key, entry), { minLength: 1, maxLength: 6 }), fc.constantFrom('', '\n', '\n\n'), (entries, end) => {
      const read = both(entries.map(([name, write], i) => write(name || `k${i}`)).join('\n') + end);
      if (!read) return;
      plain++;
      expect(read.plain).toEqual(read.yaml);
    }),
    // A fixed seed: the same inputs every run, so a failure is one to reproduce.
    { numRuns: 3000, seed: 218 },
  );
  // Enough of them plain to test the reading, not only the refusals.
  expect(plain).toBeGreaterThan(300);
});
