import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, postprocess, preprocess } from 'micromark';
import type { Effects, Event, Extension, ParseOptions } from 'micromark-util-types';
import { articleParser } from '../src/markdown/article-parser.js';
import { PACKAGE_ROOT } from '../src/world.js';

/*
 * patches/micromark+4.0.3.patch and its companions: micromark's tokenizer went through every
 * character of an article four times over (document, flow, content and text), and the GFM table
 * construct a fifth time over each paragraph's first line, one state call and one `consume` per
 * character. The states that only consume plain characters now take a run of them at once with
 * `effects.consumeThrough`. The events must be exactly those of micromark's development build,
 * which the patches leave as it was.
 */

type Micromark = { parse: typeof parse; postprocess: typeof postprocess; preprocess: typeof preprocess };

const micromarkEntry = createRequire(import.meta.url).resolve('micromark');
const extensions = (articleParser.freeze().data('micromarkExtensions') ?? []) as Extension[];

let development: Micromark;
beforeAll(async () => {
  development = (await import(pathToFileURL(micromarkEntry.replace(/index\.js$/, 'dev/index.js')).href)) as Micromark;
});

/** Every event of `markdown` as the article parser's micromark reads it, with its points in full. */
function events(markdown: string, micromark: Micromark): string[] {
  const options: ParseOptions = { extensions };
  const list: Event[] = micromark.postprocess(micromark.parse(options).document().write(micromark.preprocess()(markdown, undefined, true)));
  const at = (p: { line: number; column: number; offset: number; _index: number; _bufferIndex: number }) => `${p.line}:${p.column}:${p.offset}/${p._index}.${p._bufferIndex}`;
  return list.map(([kind, token]) => `${kind} ${token.type} ${at(token.start)}-${at(token.end)}`);
}

/** What a tokenizer offers its states as `consumeThrough`. */
function consumeThroughOf(micromark: Micromark): string {
  let seen = 'not called';
  const probe: Extension = {
    text: {
      65: {
        tokenize(effects: Effects, _ok, nok) {
          seen = typeof (effects as Effects & { consumeThrough?: unknown }).consumeThrough;
          return nok;
        },
      },
    },
  };
  micromark.postprocess(micromark.parse({ extensions: [probe] }).document().write(micromark.preprocess()('A', undefined, true)));
  return seen;
}

test('micromark’s tokenizer consumes runs of plain characters at once; its development build, the reference here, does not (micromark patch)', () => {
  expect(consumeThroughOf({ parse, postprocess, preprocess })).toBe('function');
  expect(consumeThroughOf(development)).toBe('undefined');
});

/** Every .md file under `dir`. */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(dir, name));
}

test('the patched tokenizer gives the events of the unpatched one for every article of the repository (micromark patch)', () => {
  const files = [...markdownFiles(join(PACKAGE_ROOT, 'issues')), ...markdownFiles(join(PACKAGE_ROOT, 'test', 'fixtures'))];
  expect(files.length).toBeGreaterThan(5);
  for (const file of files) {
    const markdown = readFileSync(file, 'utf8');
    expect({ file, events: events(markdown, { parse, postprocess, preprocess }) }).toEqual({ file, events: events(markdown, development) });
  }
});

/** Markdown whose constructs the patched states read: a table's head row above all, whose cells end at a space or pipe. */
const EXAMPLES = [
  '| a | b |\n| - | - |\n',
  'a b | c d\n--|--\n',
  '| 科技 创新 | b\\|c \\\\| d\\x |\n|:-|-:|---|\n| x | y |\n',
  '---\ntitle: 题\n---\n\n# 一、标题\n\n正文**强调**，*斜体*~~删~~[^1]详见https://www.w3.org/TR/clreq/。\n\n[^1]: 注。\n',
  '> 引用\n懒惰的行\n\n- 列表\n  - 嵌套\n\n    缩进代码\n\n标题\n===\n\n<div>\nHTML\n</div>\n',
  '\t制表符\tin\ttext\r\nCRLF 行\rCR 行 a@b.co www.example.com\0',
];

test('the patched tokenizer gives the events of the unpatched one for tables, containers and line endings (micromark patch)', () => {
  for (const markdown of EXAMPLES) expect(events(markdown, { parse, postprocess, preprocess })).toEqual(events(markdown, development));
});

/** Pieces of Markdown that start, end or escape something, and plain text of each script between them. */
const PIECES = [
  '科技创新', '，', '。', '“', '”', 'abc', 'Word', '42', ' ', '  ', '\t', '\n', '\r\n', '\r', '\n\n', '\0',
  '*', '**', '_', '__', '~', '~~', '`', '``', '\\', '\\|', '\\*', '|', '| a | b |', '\n| - | - |\n', '|-|', ':-:', '-',
  '[', ']', '(', ')', '!', '<', '>', '&', '&amp;', '&#x4e2d;', ';', '#', '## ', '---', '---\ntitle: 题\n---\n', '1. ', '- ', '    ', '> ',
  '\n\n| 科技 创新 | b\\|c |\n|:-|-:|\n| x | y z |\n', '\n\na b | c\n--|--\n',
  '[^1]', '[^1]: ', '[a]: /u "t"', '[a]', '![i](/p)', '<http://a.b>', 'https://example.org/a_b?c=1', 'www.x.cn', 'h', 'w', 'a@b.co', '@', '.', '^', '=',
  // Beyond the Basic Multilingual Plane and a lone surrogate: consumeThrough counts UTF-16 code units.
  '𠀀', '😀', '\ud800',
];

test('the patched tokenizer gives the events of the unpatched one for random Markdown (micromark patch)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (pieces) => {
      const markdown = pieces.join('');
      expect(events(markdown, { parse, postprocess, preprocess })).toEqual(events(markdown, development));
    }),
    // A fixed seed: the same 400 inputs every run, so a failure is one to reproduce.
    { numRuns: 400, seed: 218 },
  );
});
