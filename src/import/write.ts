import type { Root } from 'mdast';
import { gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { Document, isSeq } from 'yaml';
import type { Front, Imported } from './types.js';

/** An imported article in our format: YAML front matter (README, “An article”), then the body. */
export function writeArticle(article: Imported): string {
  return `---\n${frontMatter(article.front)}---\n\n${writeBody(article)}`;
}

/** The front matter of an article in our format; both importers (one article, a whole back issue) write it here. */
export function frontMatter(front: Front & { toc?: string }): string {
  const doc = new Document({
    title: front.title ?? '',
    ...(front.toc !== undefined ? { toc: front.toc } : {}),
    byline: front.byline ?? '',
    source: front.source ?? '',
    ...(front.intro.length > 0 ? { intro: front.intro.join('\n\n') } : {}),
    ...(front.epigraph !== undefined ? { epigraph: front.epigraph } : {}),
    ...(front.epigraphSource !== undefined ? { epigraph_source: front.epigraphSource } : {}),
    ...(front.abstract !== undefined ? { abstract: front.abstract } : {}),
    ...(front.keywords.length > 0 ? { keywords: front.keywords } : {}),
  });
  const keywords = doc.get('keywords');
  if (isSeq(keywords)) keywords.flow = true;
  // One paragraph a line, as staff write them: no folding at 80 columns.
  return doc.toString({ lineWidth: 0 });
}

function writeBody({ body }: Imported): string {
  const root: Root = { type: 'root', children: body };
  return unified()
    .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', rule: '-' })
    .use(function footnotes() {
      (this.data().toMarkdownExtensions ??= []).push(gfmFootnoteToMarkdown());
    })
    .stringify(root);
}
