import type { Processor } from 'unified';
import type { Extension } from 'micromark-util-types';
import type {} from 'remark-parse';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { urlLiteral } from './url-literal.js';

/**
 * The remark plugin: GFM as remark-gfm reads it, except literal URLs, which url-literal.ts ends
 * where Chinese text begins. Tables are read so that an article holding one is refused by name;
 * task lists are left out, since every list is refused.
 */
export function gfmWithAsciiUrls(this: Processor): undefined {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote(), gfmStrikethrough(), gfmTable(), gfmEmailLiteral(), urlLiteral());
  // GFM's literal-link handlers name its tokens, which url-literal.ts reuses. Its tree transform is
  // left out: it finds URLs again in the text by a pattern that runs to the next space.
  const { transforms: _, ...literalLinks } = gfmAutolinkLiteralFromMarkdown();
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown(), gfmStrikethroughFromMarkdown(), gfmTableFromMarkdown(), literalLinks);
}

/** GFM's literal e-mail addresses (ASCII only, so they end where Chinese begins), without the URL constructs registered beside them. */
function gfmEmailLiteral(): Extension {
  const constructs = Object.entries(gfmAutolinkLiteral().text ?? {});
  return { text: Object.fromEntries(constructs.map(([code, list]) => [code, [list ?? []].flat().filter((c) => c.name === 'emailAutolink')])) };
}
