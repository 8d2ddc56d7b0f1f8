import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';
import { gfmWithAsciiUrls } from './gfm.js';

/*
 * Apart from parse.ts, because an article plain.ts reads (every one of issue 218) never needs it:
 * the bundle makes this module a file of its own, evaluated on the first call of parseMarkdown
 * (scripts/bundle.js, CALLED_APART), so that micromark's and remark's modules are not read and
 * evaluated at every start-up.
 */

/** The article Markdown parser: CommonMark, YAML front matter, GFM as gfm.ts reads it. */
export const articleParser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(gfmWithAsciiUrls);

/** Markdown with YAML front matter → its mdast tree, as micromark reads it. */
export function parseMarkdown(source: string): Root {
  return articleParser.parse(source);
}
