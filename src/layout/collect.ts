import type { Template } from '../manifest/types.js';
import type { LayoutContext } from './context.js';
import type { Article, Inline, Located } from '../markdown/types.js';
import type { FlowBlock } from './blocks.js';
import { blockTag } from './place.js';
import type { BlockTag, Span } from './types.js';

/** The articles as one running flow of blocks, in print order (FORMAT.md §4). */
export function collectArticles(articles: readonly Article[], ctx: LayoutContext): FlowBlock[] {
  return articles.flatMap((article, index) => collectArticle(article, index, ctx));
}

function collectArticle(article: Article, index: number, ctx: LayoutContext): FlowBlock[] {
  const { template } = ctx;
  const t = ctx.text;
  const blocks: FlowBlock[] = [];
  const tag = (style: string, spans: readonly Span[]) => blockTag(ROLES[style] ?? 'P', spans, index);
  const add = (style: string, spans: Span[], extra: Partial<FlowBlock> = {}) => blocks.push({ style, spans, gapBefore: true, tag: tag(style, spans), ...extra });

  // A title may carry forced breaks; each of its lines is centred on its own (GB/T 9704 §7.3.1).
  const titleLines = article.title.text.split('\n').map((line) => [span({ text: line.trim(), pos: article.title.pos }, 'title')]);
  const titleTag = tag('title', titleLines.flat());
  titleLines.forEach((spans, i) => {
    if (i === 0) add('title', spans, { bookmark: { title: article.toc.text, level: 0 }, opensArticle: index, tag: titleTag });
    else add('title', spans, { gapBefore: false, tag: titleTag });
  });
  add('byline', [span(padName(article.byline, template), 'byline')]);
  article.intro.forEach((paragraph, i) => {
    add('intro', i === 0 ? [span(t('intro_label'), 'label'), span(t('label_separator'), 'intro'), span(paragraph, 'intro')] : [span(paragraph, 'intro')]);
  });
  if (article.epigraph) add('epigraph', [span(article.epigraph, 'epigraph')]);
  if (article.epigraphSource) add('epigraph_source', [span(t('epigraph_dash'), 'epigraph_source'), span(article.epigraphSource, 'epigraph_source')]);
  if (article.abstract) add('abstract', [span(t('abstract_label'), 'label'), span(article.abstract, 'abstract')]);
  if (article.keywords.length > 0) {
    const words = article.keywords.flatMap((word, i) => (i === 0 ? [span(word, 'abstract')] : [span(t('keywords_separator'), 'abstract'), span(word, 'abstract')]));
    add('abstract', [span(t('keywords_label'), 'label'), ...words]);
  }
  for (const block of article.body) {
    if (block.kind === 'heading') {
      const style = block.level === 1 ? 'heading1' : 'heading2';
      const spans = inlineSpans(block.inlines, style);
      add(style, spans, block.level === 1 ? { bookmark: { title: spans.filter((s) => !s.marker).map((s) => s.text).join(''), level: 1 } } : {});
    } else {
      add('body', inlineSpans(block.inlines, 'body'));
    }
  }
  if (article.notes.length > 0) {
    add('notes_heading', [span(t('notes_heading'), 'notes_heading')]);
    for (const note of article.notes) {
      const markers = note.numbers.map(circled).join('');
      const lead: Span[] = markers ? [{ text: markers, style: 'note', pos: note.pos }, span(t('note_separator'), 'note')] : [];
      const spans = [...lead, ...inlineSpans(note.inlines, 'note')];
      add('note', spans, markers ? { tag: { ...tag('note', spans), label: lead.map((s) => s.text).join('') } } : {});
    }
  }
  const sourceLine = t('source_line');
  const [before, after = ''] = sourceLine.text.split('{source}');
  add('source', [span({ ...sourceLine, text: before }, 'source'), span(article.source, 'source'), span({ ...sourceLine, text: after }, 'source')]);
  return blocks;
}

/** The structure type of each block style that is not a plain paragraph. */
const ROLES: Readonly<Record<string, BlockTag['role']>> = {
  title: 'H1',
  heading1: 'H2',
  heading2: 'H3',
  notes_heading: 'H2',
  epigraph: 'BlockQuote',
  note: 'Note',
};

function span(located: Located, style: string): Span {
  return { text: located.text, style, pos: located.pos };
}

function inlineSpans(inlines: readonly Inline[], style: string): Span[] {
  return inlines.map((inline) =>
    inline.kind === 'text'
      ? { text: inline.text, style: inline.strong ? 'strong' : style, pos: inline.pos }
      : { text: circled(inline.number), style: 'note_marker', pos: inline.pos, marker: true },
  );
}

/** ①…⑳ for note numbers, then ㉑…㊿ (Unicode's enclosed numbers); beyond that in brackets. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCodePoint(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCodePoint(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCodePoint(0x32b1 + n - 36);
  return `(${n})`;
}

/** A lone two-character name is spaced to the width of three: 薛姝 → 薛　姝 (a common Chinese byline practice). */
function padName(byline: Located, template: Template): Located {
  const chars = [...byline.text];
  const lone = chars.length === 2 && chars.every((c) => /\p{Script=Han}/u.test(c));
  return template.typography.padTwoCharacterNames && lone ? { ...byline, text: `${chars[0]}\u3000${chars[1]}` } : byline;
}
