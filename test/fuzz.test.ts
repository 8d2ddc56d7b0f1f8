/**
 * Property-based tests (issue 4, "Robust under random input"): random articles and manifests
 * either build or fail with a BulletinError — never an uncaught exception, an internal error
 * or a hang — and a successful layout keeps every character, in order, on the page.
 *
 * The arbitraries and checks are exported so that scripts/fuzz.js runs the same properties for
 * many more cases against dist/; the jest block at the end runs only when jest's globals exist.
 * Fonts are opened once (a harness, as src/build.ts does it) and shared by every case.
 */
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { layoutLoaded, loadIssue, type Loaded } from '../src/build.js';
import { BulletinError } from '../src/errors.js';
import { classify, isHalfBlankPunctuation } from '../src/layout/charclass.js';
import type { LaidOutDocument } from '../src/layout/types.js';
import { parseIssue } from '../src/manifest/issue.js';
import { parseArticle } from '../src/markdown/parse.js';
import type { Article } from '../src/markdown/types.js';
import { renderPdf } from '../src/render/pdf.js';
import { nodeWorld, type World } from '../src/world.js';
import { articleText, GOOD_ARTICLE, GOOD_MANIFEST, run, scratchIssue, strip } from './fixtures.js';

// ---------------------------------------------------------------------------------------------
// Character pools

/** `arb` once in `oneIn` cases, else undefined. */
const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> => fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
/** `arb` mostly; null (the field left out) once in `oneIn` cases. */
const mostly = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> => fc.option(arb, { freq: oneIn - 1 });

/** Common hanzi, and the names of issue 218's authors. */
const HANZI = [
  ...'的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞',
  ...'薛姝阴俊冬梅鑫淼犇',
];
/** Full-width punctuation of GB/T 15834, one mark or unit a string (——, …… are two units). */
const PUNCT = [...'“”‘’（）《》【】，。、；：？！—…·〔〕「」『』．℃‰　'];
const LATIN = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];

/** A character from the realistic pool: mostly hanzi, then punctuation, Latin, digits, spaces, %. */
const poolChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...HANZI) },
  { weight: 4, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 1, arbitrary: fc.constantFrom('——', '……') },
  { weight: 2, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 2, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 1, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.constant('%') },
);

/** Pool text with no line break; may be empty or blank. */
const poolText = (maxLength = 30): fc.Arbitrary<string> => fc.string({ unit: poolChar, maxLength });
const nonBlank = (text: string) => text.trim() !== '';
/** Pool text with something printable in it. */
const poolWords = (maxLength = 30): fc.Arbitrary<string> => fc.string({ unit: poolChar, minLength: 1, maxLength }).filter(nonBlank);

/** Anything: Markdown and YAML syntax, control characters, astral planes, lone surrogates. */
const WILD_ASCII = [...'*_[]()#<>!\\`~|-+.:;&=^$@{}"\'/?,\t\n '];
const wildText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.oneof(poolChar, fc.constantFrom(...WILD_ASCII)), maxLength: 20 }),
  fc.string({ unit: 'grapheme', maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('\u200b', '\u00ad', '\u0301', '\ufeff', '\u2028', '\u0000', '\u000b', '\u000c', '\r', '\ud800', '\u{1F600}', '\u{20000}', 'ﬁ', '&amp;', '&#x4E2D;', '&nbsp;', '<br>', '<span>', '\\', '[x](y)', '<http://a.b>', 'www.example.com', '~~删~~', '$x$', '[x]: http://a'),
);

// ---------------------------------------------------------------------------------------------
// Articles

/** An article as generated: its Markdown, and what its text should be once printed. */
export interface GenArticle {
  source: string;
  /** Non-whitespace text expected in print order: front matter, body (notes and 来源 apart). */
  main: string;
  /** Each footnote definition's text. */
  notes: string[];
  /** The source line's text, printed last. */
  sourceLine: string;
  /** False when the input holds anything whose printed text the model does not predict. */
  exact: boolean;
}

interface Piece {
  md: string;
  text: string;
  exact: boolean;
  /** Footnote labels referenced. */
  refs?: string[];
}
const join2 = (pieces: readonly Piece[], sep = ''): Piece => ({
  md: pieces.map((p) => p.md).join(sep),
  text: pieces.map((p) => p.text).join(''),
  exact: pieces.every((p) => p.exact),
  refs: pieces.flatMap((p) => p.refs ?? []),
});

/**
 * The generators once left out inputs that triggered bugs found by fuzzing (each now fixed, with
 * a regression test in test/errors.test.ts, test/linebreak.test.ts or test/archive.test.ts).
 * They are in again; FUZZ_NARROW=1 leaves them out, to look for other bugs past a regression.
 */
export const KNOWN_BUGS = typeof process === 'undefined' || process.env.FUZZ_NARROW !== '1';

/**
 * Footnote labels: mostly ordinary, sometimes differing only in case (GFM matches [^A] with
 * [^a]; until d76366f the note was then printed without its number), or not labels at all.
 */
const LABEL = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('a', 'b', '1', 'note', '长') }, { weight: 1, arbitrary: fc.constantFrom('A', 'x-y', 'x y', '', ' a') });
const isLabel = (label: string) => /^[^\s\]]+$/.test(label);
/** A soft line break inside a paragraph, sometimes. */
const textSegment: fc.Arbitrary<Piece> = fc
  .tuple(poolText(40), fc.oneof({ weight: 6, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constant('\n') }), poolText(10))
  // Only between printable text: two breaks in a row would make a blank line, a new paragraph.
  .map(([a, nl, b]) => ({ md: a + (nonBlank(a) && nonBlank(b) ? nl : '') + b, text: a + b, exact: true }));

/**
 * A Latin word, number or URL as Chinese text quotes them: 5G, ISO/IEC, 2025%, https://…
 * Fixed bug (latin_break_width): a line filled counting Latin as half an em and squeezed to the
 * measure with the true widths was squeezed without limit, and a line with no gap to squeeze
 * ran into the margin. Narrowed (FUZZ_NARROW=1): words of lower case and digits only.
 */
const LATIN_WORD_CHARS = KNOWN_BUGS ? [...LATIN, ...DIGITS, '%', '.', '/', ':', '-'] : [...'abcdefghijklnopqrstuvxyz', ...DIGITS, '.', '/', ':', '-'];
const latinWord: fc.Arbitrary<Piece> = fc
  .oneof(
    { weight: 6, arbitrary: fc.string({ unit: fc.constantFrom(...LATIN_WORD_CHARS), minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...LATIN_WORD_CHARS), minLength: 13, maxLength: 80 }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...LATIN_WORD_CHARS), maxLength: 40 }).map((path) => `https://${KNOWN_BUGS ? 'www.' : ''}example.com/${path}`) },
  )
  // Starting with a letter or digit: after a [^ref], “:…” would make a footnote definition.
  .map((word) => (/^[a-z0-9]/i.test(word) ? word : `x${word}`))
  .map((word) => ({ md: word, text: word, exact: true }));

const inline = fc.letrec<{ seg: Piece; strong: Piece; em: Piece; ref: Piece; wild: Piece }>((tie) => ({
  seg: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 8, arbitrary: textSegment },
    { weight: 1, arbitrary: latinWord },
    { weight: 1, arbitrary: tie('strong') },
    { weight: 1, arbitrary: tie('em') },
    { weight: 2, arbitrary: tie('ref') },
    { weight: 1, arbitrary: rarely(tie('wild'), 3).map((p) => p ?? { md: '', text: '', exact: true }) },
  ),
  strong: fc.array(tie('seg'), { maxLength: 3 }).map((children) => {
    const inner = join2(children);
    return { ...inner, md: `**${inner.md}**` };
  }),
  em: fc.array(tie('seg'), { maxLength: 3 }).map((children) => {
    const inner = join2(children);
    return { ...inner, md: `*${inner.md}*` };
  }),
  ref: LABEL.map((label) => ({ md: `[^${label}]`, text: '', exact: isLabel(label), refs: isLabel(label) ? [label] : [] })),
  wild: wildText.map((text) => ({ md: text, text: '', exact: false })),
}));
const inlines = (maxLength = 6) => fc.array(inline.seg, { maxLength }).map((pieces) => join2(pieces));

interface BlockPiece extends Piece {
  note?: string;
  definition?: boolean;
}
/** Blocks the bulletin refuses: they must be reported, not dropped nor crash. */
const EXOTIC = [
  '| a | b |\n| - | - |\n| 1 | 2 |',
  '```\ncode\n```',
  '    indented code',
  '<div>x</div>',
  '- item',
  '1. item',
  '> quote',
  '---',
  '***',
  '![图](x.png)',
  '[ref]: http://example.com',
  '标题\n===',
  '### 三级标题',
  '#### 四级',
  '[^a]:',
  '[^a]: 注\n\n    续段',
  '[^b]: - 列表',
  '\\',
  '<!-- comment -->',
  '$$\nx\n$$',
  '- [ ] task',
];
const block: fc.Arbitrary<BlockPiece> = fc.oneof(
  { weight: 20, arbitrary: inlines(6) },
  { weight: 2, arbitrary: fc.string({ unit: poolChar, minLength: 200, maxLength: 1500 }).map((text) => ({ md: text, text, exact: true })) },
  { weight: 1, arbitrary: fc.string({ unit: poolChar, minLength: 1500, maxLength: 4000 }).map((text) => ({ md: text, text, exact: true })) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.oneof({ weight: 12, arbitrary: fc.constantFrom('#', '##') }, { weight: 1, arbitrary: fc.constantFrom('###', '#', '####', '#\t', '######') }), inlines(3))
      .map(([hashes, content]) => ({ ...content, md: `${hashes} ${content.md}`, exact: content.exact && (hashes === '#' || hashes === '##') })),
  },
  {
    // Fixed bug (footnote inside a footnote): a note cited only from another note lost its number.
    // Narrowed (FUZZ_NARROW=1): definitions hold no references. A blank line always follows a
    // definition: a lazy line after it would belong to it, which the text model does not follow.
    weight: 4,
    arbitrary: fc
      .tuple(LABEL, inlines(3).filter((content) => KNOWN_BUGS || (content.refs ?? []).length === 0))
      .map(([label, content]): BlockPiece => ({ md: `[^${label}]: ${content.md}`, text: '', note: content.text, exact: content.exact && isLabel(label), refs: content.refs, definition: true })),
  },
  { weight: 1, arbitrary: fc.constantFrom(...EXOTIC).map((md) => ({ md, text: '', exact: false })) },
  { weight: 1, arbitrary: wildText.map((md) => ({ md, text: '', exact: false })) },
);

/**
 * Text that YAML reads as a number when written plain.
 * Fixed bug (numbers in front matter): a plain `byline: 007` was printed 7. Narrowed
 * (FUZZ_NARROW=1): such values are quoted.
 */
const NUMBER_LIKE = fc.constantFrom('007', '3.0', '1.10', '1e3', '0x1F', '0o17', '+1', '.5', '12.50', '2025', '-0');
const readsAsNumber = (plain: string) => typeof parseYaml(`k: ${plain}`)?.k === 'number';
const numberLike: fc.Arbitrary<Piece> = NUMBER_LIKE.map((t) => ({ md: KNOWN_BUGS ? t : JSON.stringify(t), text: t, exact: true }));

/** A front-matter value: text written plain, quoted or as a block; or a value of the wrong kind. */
const textValue = (words: fc.Arbitrary<string>): fc.Arbitrary<Piece> =>
  fc.oneof(
    { weight: 1, arbitrary: numberLike },
    { weight: 4, arbitrary: words.map((t) => ({ md: /^[%\s]|\n/.test(t) || (!KNOWN_BUGS && readsAsNumber(t)) ? JSON.stringify(t) : t, text: t, exact: true })) },
    { weight: 3, arbitrary: words.map((t) => ({ md: JSON.stringify(t), text: t, exact: true })) },
    { weight: 1, arbitrary: words.map((t) => (t.includes('\n') ? { md: JSON.stringify(t), text: t, exact: true } : { md: `'${t.replace(/'/g, "''")}'`, text: t, exact: true })) },
    { weight: 1, arbitrary: words.map((t) => (t.includes('\n') || /^\s/.test(t) ? { md: JSON.stringify(t), text: t, exact: true } : { md: `|-\n  ${t}`, text: t, exact: true })) },
  );
const WRONG = ['', '~', 'null', 'true', 'false', '42', '3.14', '-1', '1e400', '.nan', '[]', '{}', '[甲, 乙]', '{甲: 乙}', '2025-12-19', '!!binary AAAA', '&x 锚', '*x', '*nope', '|', '>-\n  折叠\n  文本', '"未闭合', "'", '[', '{a: [1', '? 键', '!!set {a, b}', '<<: {a: 1}', '- 列表', '@at', '`bt`', '%d'];
const wrongValue: fc.Arbitrary<Piece> = fc.constantFrom(...WRONG).map((md) => ({ md, text: '', exact: false }));
const fieldValue = (words: fc.Arbitrary<string>) => fc.oneof({ weight: 40, arbitrary: textValue(words) }, { weight: 1, arbitrary: wrongValue });

const GARBAGE_LINES = ['%YAML 1.2', '---', '...', ':', '- a', '? b', 'key: [unclosed', '\tindented: tab', '  over: indented', 'a: b: c', '!tag x: y', '&a k: v', 'k: *a', '"q": 1', '# comment', '', 'title: 重复'];
const garbageLine: fc.Arbitrary<Piece> = fc.oneof(fc.constantFrom(...GARBAGE_LINES), wildText.map((t) => t.replace(/\n/g, ' '))).map((md) => ({ md, text: '', exact: false }));

const keywordsValue: fc.Arbitrary<{ md: string; texts: string[]; exact: boolean }> = fc.oneof(
  fc.array(fc.oneof(poolWords(8).map((w) => ({ md: JSON.stringify(w), text: w })), numberLike), { minLength: 1, maxLength: 3 }).map((words) => ({ md: `[${words.map((w) => w.md).join(', ')}]`, texts: words.map((w) => w.text), exact: true })),
  fc.array(poolWords(8), { maxLength: 4 }).map((words) => ({ md: `[${words.map((w) => JSON.stringify(w)).join(', ')}]`, texts: words, exact: true })),
  fc.array(poolWords(8), { maxLength: 4 }).map((words) => ({ md: words.map((w) => `\n  - ${JSON.stringify(w)}`).join(''), texts: words, exact: words.length > 0 })),
  poolWords(12).map((w) => ({ md: JSON.stringify(w), texts: [w], exact: true })),
  wrongValue.map((p) => ({ md: p.md, texts: [], exact: false })),
);

type FrontField = 'title' | 'toc' | 'byline' | 'source' | 'intro' | 'epigraph' | 'epigraph_source' | 'abstract';
const titleWords = fc.oneof({ weight: 4, arbitrary: poolWords(30) }, { weight: 1, arbitrary: fc.tuple(poolWords(15), poolWords(15)).map(([a, b]) => `${a}\n${b}`) });
const introWords = fc.array(poolWords(80), { minLength: 1, maxLength: 3 }).map((ps) => ps.join('\n\n'));

const frontMatter = fc.record({
  title: mostly(fc.oneof({ weight: 40, arbitrary: textValue(titleWords) }, { weight: 1, arbitrary: wrongValue }), 30),
  toc: rarely(fieldValue(poolWords(30)), 2),
  byline: mostly(fieldValue(poolWords(12)), 30),
  source: mostly(fieldValue(poolWords(40)), 30),
  intro: rarely(fc.oneof({ weight: 8, arbitrary: introWords.map((t) => ({ md: `|-\n${t.split('\n').map((l) => (l ? `  ${l}` : '')).join('\n')}`, text: t, exact: true })) }, { weight: 1, arbitrary: wrongValue }), 3),
  epigraph: rarely(fieldValue(poolWords(40)), 2),
  epigraph_source: rarely(fieldValue(poolWords(20)), 2),
  abstract: rarely(fieldValue(poolWords(60)), 2),
  keywords: rarely(keywordsValue, 2),
  extra: rarely(fc.constantFrom('titel', 'author', 'date', 'Title', 'tags', '标题'), 20),
  garbage: rarely(garbageLine, 15),
  frame: fc.oneof({ weight: 40, arbitrary: fc.constant('ok') }, { weight: 1, arbitrary: fc.constantFrom('none', 'unclosed', 'empty', 'indented', 'dots') }),
});

/** A random article: front matter (fields missing, extra, of the wrong kind, garbage) and a body. */
export const arbArticle: fc.Arbitrary<GenArticle> = fc
  .tuple(
    frontMatter,
    fc.array(fc.tuple(block, fc.constantFrom('\n\n', '\n\n', '\n\n', '\n', '\n\n\n')), { minLength: 1, maxLength: 8 }),
    fc.oneof({ weight: 8, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    poolWords(20),
    fc.constantFrom('', '\n', '\n\n'),
  )
  .map(([front, blocks, defineAll, noteText, trailing]) => {
    let exact = true;
    const lines: string[] = [];
    const text: Partial<Record<FrontField | 'keywords', string>> = {};
    const field = (key: FrontField, value: Piece | null | undefined) => {
      if (value === undefined) return;
      if (value === null) {
        exact = false;
        return;
      }
      lines.push(`${key}: ${value.md}`);
      exact &&= value.exact;
      text[key] = value.text;
    };
    field('title', front.title);
    field('toc', front.toc);
    field('byline', front.byline);
    field('source', front.source);
    field('intro', front.intro);
    field('epigraph', front.epigraph);
    field('epigraph_source', front.epigraph_source);
    field('abstract', front.abstract);
    if (front.keywords) {
      lines.push(`keywords: ${front.keywords.md}`);
      exact &&= front.keywords.exact;
      text.keywords = front.keywords.texts.join('');
    }
    if (front.extra) {
      lines.push(`${front.extra}: 多余`);
      exact = false;
    }
    if (front.garbage) {
      lines.push(front.garbage.md);
      exact = false;
    }
    const yaml = lines.join('\n');
    const head =
      front.frame === 'ok' ? `---\n${yaml}\n---\n\n`
      : front.frame === 'none' ? `${yaml}\n\n`
      : front.frame === 'unclosed' ? `---\n${yaml}\n\n`
      : front.frame === 'empty' ? '---\n---\n\n'
      : front.frame === 'indented' ? ` ---\n${yaml}\n ---\n\n`
      : `---\n${yaml}\n...\n\n`;
    if (front.frame !== 'ok') exact = false;
    // Mostly, every footnote referenced gets a definition at the end.
    const defined = new Set(blocks.flatMap(([b]) => (b.note === undefined ? [] : [b.md.slice(2, b.md.indexOf(']'))])));
    const missing = defineAll ? [...new Set(blocks.flatMap(([b]) => b.refs ?? []))].filter((label) => !defined.has(label)) : [];
    const definitions: BlockPiece[] = missing.map((label) => ({ md: `[^${label}]: ${noteText}`, text: '', note: noteText, exact: true }));
    const body = blocks.map(([b, sep]) => b.md + (b.definition ? '\n\n' : sep)).join('') + definitions.map((d) => `\n\n${d.md}`).join('');
    exact &&= blocks.every(([b]) => b.exact);
    const main = [text.title, text.byline, text.intro, text.epigraph, text.epigraph_source, text.abstract, text.keywords, ...blocks.map(([b]) => b.text)].join('');
    return { source: head + body + trailing, main: strip(main), notes: [...blocks.map(([b]) => b), ...definitions].flatMap((b) => (b.note === undefined ? [] : [strip(b.note)])), sourceLine: strip(text.source ?? ''), exact };
  });

// ---------------------------------------------------------------------------------------------
// Manifests

/** A random issue: a manifest and the files beside it (test data in a scratch folder). */
export interface GenIssue {
  manifest: string;
  /** The random article, written as b.md. */
  article: GenArticle;
  /** How the issue is named on the command line. */
  spec: string;
  /** b.md with CRLF line ends and a BOM. */
  crlf: boolean;
}

const intText = (lo: number, hi: number) =>
  fc.oneof(
    { weight: 40, arbitrary: fc.integer({ min: lo, max: hi }).map(String) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 1, arbitrary: fc.constantFrom(String(lo - 1), String(hi + 1), '0x10', '1_000', '+5', '007', '12.0', '12.5', '"12"', 'twelve', '十二', '9007199254740993', '-0', '0o17', '1e3') },
    { weight: 1, arbitrary: fc.constantFrom(...WRONG) },
  );
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const dateText = fc.oneof(
  { weight: 40, arbitrary: fc.tuple(fc.integer({ min: 1949, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${pad(m, 2)}-${pad(d, 2)}`) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`) },
  { weight: 1, arbitrary: fc.constantFrom('2024-02-29', '2025-02-29', '2025-12-19T10:00:00Z', '"2025-12-19"', '2025/12/19', '2025-1-2', '20251219', '2025年12月19日', '0000-01-01', '0099-12-31') },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG) },
);
const GOOD_REFS = ['b.md', 'a.md', 'sub/c.md', './sub/../a.md'];
const BAD_REFS = ['missing.md', '../a.md', '../../x.md', '/etc/hostname', './a.md', 'sub', 'sub/', 'bad.md', 'empty.md', 'link.md', '" "', '""', 'a.md ', 'B.MD', '[x]', '~', '42', '{a: 1}', '- a.md', 'b.md#x', 'b.md\\0'];
const articleRefs = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...GOOD_REFS), { minLength: 1, maxLength: 3 }), rarely(fc.constantFrom(...BAD_REFS), 6), fc.nat())
  .map(([good, bad, at]) => (bad === undefined ? good : [...good.slice(0, at % (good.length + 1)), bad, ...good.slice(at % (good.length + 1))]));
const articlesValue = fc.oneof(
  { weight: 20, arbitrary: articleRefs.map((refs) => refs.map((r) => `\n  - ${r}`).join('')) },
  { weight: 2, arbitrary: articleRefs.map((refs) => `[${refs.join(', ')}]`) },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG) },
);
const TEXT_KEYS = ['publisher', 'masthead', 'label', 'issue_line', 'date_line', 'contents_heading', 'contents_bullet', 'intro_label', 'abstract_label', 'keywords_label', 'keywords_separator', 'epigraph_dash', 'notes_heading', 'source_line', 'page_number', 'pdf_title', 'bogus'];
const templateText = fc.oneof(
  { weight: 8, arbitrary: poolText(20).map((t) => JSON.stringify(t)) },
  { weight: 4, arbitrary: fc.array(fc.oneof(poolText(6), fc.constantFrom('{year}', '{number}', '{total}', '{month}', '{day}', '{page}', '{source}', '{bogus}', '{', '}', '{{year}}')), { maxLength: 5 }).map((parts) => JSON.stringify(parts.join(''))) },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG) },
  { weight: 1, arbitrary: wildText.map((t) => JSON.stringify(t)) },
);
// Fixed bug (masthead overflow): a page-1 text wider than its line ran off the page; it is an
// error now. Narrowed (FUZZ_NARROW=1): those keys get texts that fit.
const MASTHEAD_KEYS = new Set(['publisher', 'masthead', 'label', 'issue_line', 'date_line']);
const fittingMasthead = poolWords(4).map((t) => JSON.stringify(t));
const textsValue = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .uniqueArray(fc.tuple(fc.constantFrom(...TEXT_KEYS), templateText, fittingMasthead), { maxLength: 3, selector: ([k]) => k })
      .map((pairs) => pairs.map(([k, v, short]): [string, string] => [k, MASTHEAD_KEYS.has(k) ? short : v]))
      .map((pairs) => (pairs.length ? pairs.map(([k, v]) => `\n  ${k}: ${v}`).join('') : ' {}')) },
  { weight: 1, arbitrary: fc.constantFrom(...WRONG) },
);
const distributionValue = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.array(poolWords(20), { maxLength: 3 }), fc.option(poolWords(8))).map(([lines, run]) => `\n  lines: [${lines.map((l) => JSON.stringify(l)).join(', ')}]${run === null ? '' : `\n  print_run: ${JSON.stringify(run)}`}`) },
  { weight: 1, arbitrary: fc.constantFrom('\n  print_run: 共印100份', '\n  lines: 报：某单位', '\n  lines: [[嵌套]]', '\n  bogus: 1', ...WRONG) },
);
const templateValue = fc.oneof(
  { weight: 40, arbitrary: fc.constant('xinxi-jijin') },
  { weight: 1, arbitrary: fc.constantFrom('xinxi-jiijn', '../templates/xinxi-jijin', 'xinxi-jijin/', '.', '..', '/etc', '""', 'XINXI-JIJIN', ...WRONG) },
  { weight: 1, arbitrary: poolText(10) },
);

export const arbIssue: fc.Arbitrary<GenIssue> = fc
  .record({
    template: mostly(templateValue, 60),
    year: mostly(intText(1949, 9999), 60),
    number: mostly(intText(1, 999), 60),
    total: mostly(intText(1, 99999), 60),
    date: mostly(dateText, 60),
    articles: mostly(articlesValue, 60),
    texts: rarely(textsValue, 3),
    distribution: rarely(distributionValue, 3),
    extra: rarely(fc.constantFrom('nubmer: 1', 'title: 题', 'articels: [a.md]', '"year": 2025', 'null: 1', '? [x]\n: y', '1: 2'), 20),
    garbage: rarely(garbageLine, 30),
    header: fc.oneof({ weight: 10, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('# yaml-language-server: $schema=../../schema/issue.schema.json\n', '---\n', '\ufeff', '%YAML 1.2\n---\n', '%YAML 1.1\n---\n') }),
    article: arbArticle,
    spec: fc.oneof({ weight: 10, arbitrary: fc.constant('1') }, { weight: 1, arbitrary: fc.constantFrom('issues/1', 'issues/1/issue.yaml', 'issues/1/', '2', 'issues/1/a.md', '01', '', '.', 'issues/1/sub') }),
    crlf: fc.boolean(),
  })
  .map((g) => {
    const lines: string[] = [];
    const field = (key: string, value: string | null | undefined) => {
      if (value !== null && value !== undefined) lines.push(`${key}: ${value}`);
    };
    field('template', g.template);
    field('year', g.year);
    field('number', g.number);
    field('total', g.total);
    field('date', g.date);
    field('articles', g.articles);
    field('texts', g.texts);
    field('distribution', g.distribution);
    if (g.extra) lines.push(g.extra);
    if (g.garbage) lines.push(g.garbage.md);
    return { manifest: `${g.header}${lines.join('\n')}\n`, article: g.article, spec: g.spec, crlf: g.crlf };
  });

/** Command lines around a random issue: options, odd timestamps, stray arguments. */
export const arbArgs: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.constantFrom(['-o', 'out/x.pdf'], ['-o', 'out/x.pdf'], ['--output', 'x.pdf'], [], ['-o'], ['-o', ''], ['-o', 'issues'], ['-o', 'issues/1/issue.yaml/x.pdf']),
    // Out of range (until eb21c41, 8640000000001 made an Invalid Date and an internal error).
    rarely(fc.constantFrom('0', '1', '1766102400', '253402300799', '253402300800', '8640000000000', '8640000000001', '99999999999999999999', '-1', '1.5', '', 'now'), 3),
    rarely(fc.constantFrom('--verbose', '--bogus', '-V', '-h', 'extra', '--', '-'), 4),
  )
  .map(([output, timestamp, stray]) => [...output, ...(timestamp === undefined ? [] : ['--creation-timestamp', timestamp]), ...(stray === undefined ? [] : [stray])]);

// ---------------------------------------------------------------------------------------------
// The harness: fonts and template opened once

export interface Harness {
  /** Issue 1 of a scratch project (fixtures.ts), loaded: its template and faces are reused. */
  base: Loaded;
  world: World;
  cleanup(): void;
}

export function makeHarness(): Harness {
  const root = scratchIssue();
  const world = nodeWorld(root);
  const base = loadIssue('1', world);
  return { base, world, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Per-case time bound: a small random input must build well inside this (ms). */
export const TIME_LIMIT_MS = 5000;


function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
}

/** Anything but a BulletinError is a bug: rethrow it, labelled. */
function expectBulletinError(error: unknown, stage: string): void {
  if (error instanceof BulletinError) {
    if (!error.message) throw new Error(`${stage}: a BulletinError without a message`);
    return;
  }
  throw new Error(`${stage}: not a BulletinError: ${describeError(error)}`);
}

/** The display list's text after the masthead page, whitespace removed. */
export function printedText(doc: LaidOutDocument): string {
  return strip(doc.pages.slice(1).flatMap((p) => p.items.flatMap((i) => (i.kind === 'text' ? [i.text] : []))).join(''));
}

/** `expected` is a subsequence of `haystack` from `from`; where it ends. */
function findInOrder(expected: string, haystack: string, from: number, what: string): number {
  let at = from;
  for (const ch of expected) {
    const found = haystack.indexOf(ch, at);
    if (found < 0) {
      throw new Error(`${what}: “${ch}” (U+${ch.codePointAt(0)!.toString(16).toUpperCase()}) is lost: not found after “${haystack.slice(Math.max(0, at - 20), at)}”\nexpected: ${expected}\nprinted:  ${haystack}`);
    }
    at = found + ch.length;
  }
  return at;
}

/**
 * How far (em) a line may pull its characters into each other. Lines filled counting Latin
 * characters as half an em (latin_break_width) and set with the true widths are squeezed a
 * little (issue 218: 0.04 em at most); a quarter em is ink on ink.
 */
const SQUEEZE_LIMIT = 1 / 4;

/** Em width of a run: Latin words and space runs measured whole (kerning), as the layout measures them. */
function measure(text: string, face: { advance(text: string): number }): number {
  let em = 0;
  let word = '';
  for (const ch of text) {
    const cls = classify(ch);
    if (cls === 'latin' || cls === 'space') {
      if (word && classify(word[0]) !== cls) {
        em += face.advance(word);
        word = '';
      }
      word += ch;
    } else {
      if (word) em += face.advance(word);
      word = '';
      em += face.advance(ch);
    }
  }
  return word ? em + face.advance(word) : em;
}

/**
 * Every text item inside the page and inside the text block (the folio below it), and no two
 * items of a line overlapping. A mark's blank half may stand out: a closing mark or stop at a
 * line end squeezed against a mark that went down to the next line; an opening mark's left half.
 */
export function checkBounds(doc: LaidOutDocument, loaded: Loaded): void {
  const { page, grid } = loaded.template;
  const blockBottom = page.marginTop + grid.slots * grid.slotHeight;
  const folioBaseline = blockBottom + loaded.template.pageNumber.belowTextBlock + grid.emAscent * loaded.template.styles.page_number.size;
  for (const p of doc.pages) {
    const placed: { where: string; x: number; right: number; leftBlank: number; rightBlank: number; line: number }[] = [];
    for (const item of p.items) {
      if (item.kind !== 'text') continue;
      const face = loaded.faces.get(item.face);
      if (!face) throw new Error(`page ${p.number}: a text item in the unknown face ${item.face}`);
      const glyphs = [...item.text];
      const width = measure(item.text, face) * item.size + item.charSpacing * (glyphs.length - 1);
      const where = `page ${p.number}: “${item.text}” (${item.face} ${item.size} pt) at x=${item.x} y=${item.y} width=${width.toFixed(3)} charSpacing=${item.charSpacing}`;
      for (const n of [item.x, item.y, item.size, item.charSpacing, width]) if (!Number.isFinite(n)) throw new Error(`${where}: a number is not finite`);
      if (item.x < -0.01 || item.x + width > page.width + 0.01) throw new Error(`${where}: outside the page's width ${page.width}`);
      const top = item.y - grid.emAscent * item.size;
      const bottom = item.y + (1 - grid.emAscent) * item.size;
      if (top < -0.01 || bottom > page.height + 0.01) throw new Error(`${where}: outside the page's height ${page.height}`);
      const lastClass = classify(glyphs[glyphs.length - 1] ?? '');
      // Only a full-width mark has a blank half: LXGW's narrow quotes are all ink.
      const fullWidth = (ch: string | undefined) => ch !== undefined && measure(ch, face) >= 0.9;
      const rightBlank = (lastClass === 'close' || lastClass === 'stop') && fullWidth(glyphs[glyphs.length - 1]) ? item.size / 2 : 0;
      const leftBlank = classify(glyphs[0] ?? '') === 'open' && fullWidth(glyphs[0]) ? item.size / 2 : 0;
      if (item.x < page.marginLeft - leftBlank - 0.5 || item.x + width > page.width - page.marginRight + rightBlank + 0.5) {
        throw new Error(`${where}: outside the text block (${page.marginLeft} … ${page.width - page.marginRight})`);
      }
      // The folio stands on its own baseline below the text block (src/layout/pagenumbers.ts).
      const folio = Math.abs(item.y - folioBaseline) < item.size / 2;
      if (!folio && (top < page.marginTop - 0.5 || item.y > blockBottom)) {
        throw new Error(`${where}: below or above the text block's ${grid.slots} slots (${page.marginTop} … ${blockBottom.toFixed(2)})`);
      }
      // Two full-width marks squeezed to 1.5 em overlap by their blank halves; more is ink on ink.
      // Character spacing falls after each glyph: what matters is the blank half of every glyph but the last.
      const squeezable = glyphs.slice(0, -1).every((g) => isHalfBlankPunctuation(classify(g)));
      if (item.charSpacing < -item.size * ((squeezable ? 1 / 2 : 0) + SQUEEZE_LIMIT) - 0.01) throw new Error(`${where}: glyphs squeezed into each other`);
      if (width > 0.01) placed.push({ where, x: item.x, right: item.x + width, leftBlank, rightBlank, line: Math.floor((item.y - page.marginTop) / grid.slotHeight) });
    }
    placed.sort((a, b) => a.line - b.line || a.x - b.x);
    for (let k = 1; k < placed.length; k++) {
      const [a, b] = [placed[k - 1], placed[k]];
      // Ink, not boxes: a run drawn further left (a squeezed opening mark's glyph moved left) may still ink after the next.
      const overlap = Math.min(a.right - a.rightBlank, b.right - b.rightBlank) - Math.max(a.x + a.leftBlank, b.x + b.leftBlank);
      if (a.line === b.line && overlap > SQUEEZE_LIMIT * 16) throw new Error(`overlapping text:\n  ${a.where}\n  ${b.where}`);
    }
  }
}

/** Every noteRef number belongs to exactly one note, and every note's numbers to references. */
export function checkNotes(article: Article): void {
  const refs: number[] = [];
  const walk = (inlines: Article['notes'][number]['inlines']) => inlines.forEach((i) => i.kind === 'noteRef' && refs.push(i.number));
  article.body.forEach((b) => walk(b.inlines));
  article.notes.forEach((n) => walk(n.inlines));
  const listed = article.notes.flatMap((n) => n.numbers);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b).join(',');
  if (sorted(refs) !== sorted([...new Set(listed)])) {
    throw new Error(`${article.file}: footnote references ${sorted(refs)} but the notes list ${article.notes.map((n) => `[^${n.label}]→{${n.numbers.join(',')}}`).join(' ')}`);
  }
}

export interface Outcome {
  ok: boolean;
  ms: number;
  doc?: LaidOutDocument;
}

/**
 * One random article through parse → layout with the shared fonts: either a BulletinError, or
 * a layout that keeps every character of the article (and of the generated text) in order and
 * inside the page.
 */
export function checkArticle(h: Harness, gen: GenArticle): Outcome {
  const started = performance.now();
  let article: Article;
  try {
    article = parseArticle('issues/1/b.md', gen.source);
  } catch (error) {
    expectBulletinError(error, 'parseArticle');
    return { ok: false, ms: elapsed(started) };
  }
  checkNotes(article);
  let doc: LaidOutDocument;
  try {
    doc = layoutLoaded({ ...h.base, articles: [article] }, { creationTimestamp: 0 }, h.world);
  } catch (error) {
    expectBulletinError(error, 'layout');
    return { ok: false, ms: elapsed(started) };
  }
  const printed = printedText(doc);
  findInOrder(articleText(article), printed, 0, 'article text → display list');
  if (gen.exact) {
    const end = findInOrder(gen.main, printed, 0, 'generated text → display list');
    gen.notes.forEach((note, i) => findInOrder(note, printed, 0, `footnote ${i + 1} → display list`));
    findInOrder(gen.sourceLine, printed, end, 'source line → display list');
  }
  checkBounds(doc, h.base);
  const ms = elapsed(started);
  if (ms > TIME_LIMIT_MS) throw new Error(`parse and layout took ${ms.toFixed(0)} ms (limit ${TIME_LIMIT_MS} ms) for ${gen.source.length} characters`);
  return { ok: true, ms, doc };
}

/** A successful layout renders to a PDF (with the shared, already opened fonts). */
export async function checkRender(h: Harness, doc: LaidOutDocument): Promise<void> {
  const pdf = await renderPdf(doc, h.base.faces);
  if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') throw new Error('the renderer did not produce a PDF');
}

/** Write a random issue into a scratch project folder (test data, in the temporary folder). */
export function writeIssue(gen: GenIssue): string {
  const article = gen.crlf ? `\ufeff${gen.article.source.replace(/\n/g, '\r\n')}` : gen.article.source;
  const root = scratchIssue({
    'issues/1/issue.yaml': gen.manifest,
    'issues/1/b.md': article,
    'issues/1/bad.md': Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x0a]),
    'issues/1/empty.md': '',
    'issues/1/sub/c.md': GOOD_ARTICLE,
    'outside.md': GOOD_ARTICLE,
  });
  try {
    symlinkOutside(root);
  } catch {
    // no symbolic links here: link.md is simply missing
  }
  return root;
}

function symlinkOutside(root: string): void {
  const link = join(root, 'issues/1/link.md');
  mkdirSync(dirname(link), { recursive: true });
  symlinkSync(join(root, 'outside.md'), link);
}

/**
 * A random manifest (with one random article) through loadIssue → layout: a BulletinError or
 * a layout with every article's text in order, inside the page.
 */
export function checkIssue(h: Harness, gen: GenIssue): Outcome {
  const root = writeIssue(gen);
  try {
    const started = performance.now();
    try {
      parseIssue('issues/1/issue.yaml', gen.manifest);
    } catch (error) {
      expectBulletinError(error, 'parseIssue');
    }
    const world = nodeWorld(root);
    let loaded: Loaded;
    let doc: LaidOutDocument;
    try {
      loaded = loadIssue(gen.spec, world);
      loaded.articles.forEach(checkNotes);
      doc = layoutLoaded(loaded, {}, world);
    } catch (error) {
      expectBulletinError(error, 'loadIssue/layout');
      return { ok: false, ms: elapsed(started) };
    }
    const printed = printedText(doc);
    let at = 0;
    for (const article of loaded.articles) at = findInOrder(articleText(article), printed, at, `${article.file} → display list`);
    checkBounds(doc, loaded);
    const ms = elapsed(started);
    if (ms > TIME_LIMIT_MS) throw new Error(`loading and layout took ${ms.toFixed(0)} ms (limit ${TIME_LIMIT_MS} ms)`);
    return { ok: true, ms, doc };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The real command line on a random issue: exit 0 with one summary line, or 1/2 with a BulletinError's message. */
export async function checkCli(gen: GenIssue, args: string[]): Promise<Outcome> {
  const root = writeIssue(gen);
  try {
    const started = performance.now();
    const argv = ['build', gen.spec, ...args];
    const result = await run(argv, root);
    const ms = elapsed(started);
    const shown = `bulletin ${argv.map((a) => JSON.stringify(a)).join(' ')} → exit ${result.code}\nout: ${result.out.join('\n')}\nerr: ${result.err.join('\n')}`;
    if (result.code === 0) {
      const helpOrVersion = args.includes('-h') || args.includes('-V');
      if (!helpOrVersion && !/^wrote .*, \d+ pages?, \d+\.\d\d s$/.test(result.out[0] ?? '')) throw new Error(`exit 0 without the summary line:\n${shown}`);
    } else {
      if (result.code !== 1 && result.code !== 2) throw new Error(`unexpected exit code:\n${shown}`);
      const first = result.err[0] ?? '';
      if (!first.startsWith('error: ')) throw new Error(`the first line is not an error message:\n${shown}`);
      if (first.startsWith('error: internal error:')) throw new Error(`internal error:\n${shown}`);
    }
    if (ms > TIME_LIMIT_MS * 3) throw new Error(`the build took ${ms.toFixed(0)} ms:\n${shown}`);
    return { ok: result.code === 0, ms };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function elapsed(started: number): number {
  return performance.now() - started;
}

// ---------------------------------------------------------------------------------------------
// The jest suite: few enough cases for `npm test`; scripts/fuzz.js runs thousands.

export const TEST_RUNS = { article: 300, render: 15, issue: 150, cli: 8 };

if (typeof (globalThis as { test?: unknown }).test === 'function') {
  describe('random input (fast-check)', () => {
    let h: Harness;
    beforeAll(() => {
      h = makeHarness();
    });
    afterAll(() => h?.cleanup());

    test('a random article parses and lays out, or fails with a BulletinError; nothing is lost, nothing leaves the page', () => {
      fc.assert(
        fc.property(arbArticle, (gen) => {
          checkArticle(h, gen);
        }),
        { numRuns: TEST_RUNS.article },
      );
    });

    test('a random article that lays out renders to a PDF', async () => {
      await fc.assert(
        fc.asyncProperty(arbArticle, async (gen) => {
          const outcome = checkArticle(h, gen);
          if (outcome.doc) await checkRender(h, outcome.doc);
        }),
        { numRuns: TEST_RUNS.render },
      );
    });

    test('a random manifest loads and lays out, or fails with a BulletinError', () => {
      fc.assert(
        fc.property(arbIssue, (gen) => {
          checkIssue(h, gen);
        }),
        { numRuns: TEST_RUNS.issue },
      );
    });

    test('bulletin build on a random issue exits 0, or 1/2 with an “error:” line that is not an internal error', async () => {
      await fc.assert(
        fc.asyncProperty(arbIssue, arbArgs, async (gen, args) => {
          await checkCli(gen, args);
        }),
        { numRuns: TEST_RUNS.cli },
      );
    });

    test('the known-good fixture builds through the harness (the generators can reach success)', () => {
      const outcome = checkArticle(h, { source: GOOD_ARTICLE, main: '', notes: [], sourceLine: '', exact: false });
      expect(outcome.ok).toBe(true);
      expect(checkIssue(h, { manifest: GOOD_MANIFEST.replace('- a.md', '- b.md'), article: { source: GOOD_ARTICLE, main: '', notes: [], sourceLine: '', exact: false }, spec: '1', crlf: true }).ok).toBe(true);
    });
  });
}
