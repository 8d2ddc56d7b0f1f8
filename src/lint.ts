import type { Diagnostic } from './diagnostics.js';
import { describeChar, posAfter, type SourcePos } from './errors.js';
import type { FontBook } from './layout/types.js';
import type { Template } from './manifest/types.js';
import type { Article, Inline, Located } from './markdown/types.js';

/** An article's paragraph-like units in reading order, each as located pieces of text; a bracket opened in one must close in it. */
function paragraphs(article: Article): Located[][] {
  const inline = (inlines: readonly Inline[]): Located[] => inlines.flatMap((i) => (i.kind === 'text' ? [{ text: i.text, pos: i.pos }] : []));
  const optional = (located?: Located) => (located ? [[located]] : []);
  return [
    [article.title],
    ...(article.tocFromTitle ? [] : [[article.toc]]),
    [article.byline],
    ...article.intro.map((p) => [p]),
    ...optional(article.epigraph),
    ...optional(article.epigraphSource),
    ...optional(article.abstract),
    article.keywords,
    ...article.body.map((b) => inline(b.inlines)),
    ...article.notes.map((n) => inline(n.inlines)),
    [article.source],
  ];
}

const HAN = /\p{Script=Han}/u;
const ASCII_PUNCTUATION = new Set(',.;:?!()');
const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const PAIRS: [string, string][] = [['“', '”'], ['‘', '’'], ['（', '）'], ['《', '》'], ['【', '】'], ['〔', '〕'], ['「', '」'], ['『', '』']];

/**
 * What `bulletin check` finds beyond what a build refuses: characters no face has (an error:
 * the build would stop on the first), ASCII punctuation between Han characters (GB/T 15834
 * wants full-width marks there), unbalanced quotes and brackets, footnotes never referenced.
 */
export function lintArticle(article: Article, template: Template, fonts: FontBook): Diagnostic[] {
  const found: Diagnostic[] = [];
  const faces = Object.keys(template.faces);
  const missing = new Set<string>();
  for (const piece of paragraphs(article).flat()) {
    const chars = [...piece.text];
    let pos: SourcePos = piece.pos;
    chars.forEach((ch, i) => {
      const cp = ch.codePointAt(0)!;
      if (ch.trim() && !faces.some((id) => fonts.get(id)?.has(cp)) && !missing.has(ch)) {
        missing.add(ch);
        found.push({ severity: 'error', pos, message: `no font of the template has the character ${describeChar(ch)}`, hint: 'replace it, or add a face that has it to the template’s fallback list' });
      }
      if (ASCII_PUNCTUATION.has(ch) && HAN.test(chars[i - 1] ?? '') && HAN.test(chars[i + 1] ?? '')) {
        found.push({ severity: 'warning', pos, message: `ASCII “${ch}” between Chinese characters`, hint: `use the full-width “${FULL_WIDTH[ch]}” (GB/T 15834)` });
      }
      pos = posAfter(pos, ch);
    });
  }
  for (const paragraph of paragraphs(article)) {
    for (const [open, close] of PAIRS) found.push(...balance(paragraph, open, close));
  }
  for (const note of article.notes) {
    if (note.numbers.length === 0) found.push({ severity: 'warning', pos: note.pos, message: `footnote [^${note.label}] is defined but never referenced`, hint: 'reference it in the text or delete it' });
  }
  return found;
}

function balance(paragraph: readonly Located[], open: string, close: string): Diagnostic[] {
  const stack: SourcePos[] = [];
  const found: Diagnostic[] = [];
  for (const piece of paragraph) {
    let pos = piece.pos;
    for (const ch of piece.text) {
      if (ch === open) stack.push(pos);
      else if (ch === close && !stack.pop()) found.push({ severity: 'warning', pos, message: `“${close}” closes nothing`, hint: `add the “${open}” it belongs to, or remove it` });
      pos = posAfter(pos, ch);
    }
  }
  return [...found, ...stack.map((pos): Diagnostic => ({ severity: 'warning', pos, message: `“${open}” is never closed in its paragraph`, hint: `add the matching “${close}”` }))];
}
