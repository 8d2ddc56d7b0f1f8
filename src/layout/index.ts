import type { Issue, Template } from '../manifest/types.js';
import type { Article } from '../markdown/types.js';
import { collectArticles } from './collect.js';
import { makeContext } from './context.js';
import { contentsEntries, frontPageCount, frontPages } from './masthead.js';
import { addPageNumbers } from './pagenumbers.js';
import { paginate } from './paginate.js';
import { addDistribution } from './distribution.js';
import { setBlock, type SetBlock } from './setblock.js';
import type { FlowBlock } from './blocks.js';
import type { FontBook, LaidOutDocument, Page } from './types.js';

export interface LayoutInput {
  issue: Issue;
  articles: readonly Article[];
  template: Template;
  fonts: FontBook;
  /** The document's date (creation and modification), chosen by the caller. */
  date: Date;
  /** Blocks set before with the same template and fonts (watch): an unchanged block is not set again. */
  blockCache?: Map<string, SetBlock>;
}

/** Issue → pages of positioned items: collect → shape, break, justify → paginate → masthead, contents and folios. */
export function layoutIssue({ issue, articles, template, fonts, date, blockCache }: LayoutInput): LaidOutDocument {
  const ctx = makeContext(template, fonts, issue);
  const used = new Set<string>();
  const set = blockCache ? (block: FlowBlock) => memoized(blockCache, used, block, () => setBlock(block, ctx)) : (block: FlowBlock) => setBlock(block, ctx);
  // A block set before keeps its lines; its tag is this build's, so that the lines of one title share one.
  const flow = collectArticles(articles, ctx).map((block) => ({ ...set(block), block }));
  for (const key of blockCache?.keys() ?? []) if (!used.has(key)) blockCache!.delete(key);
  const entries = contentsEntries(articles, ctx);
  const front = frontPageCount(entries, ctx);
  const { pages, articleStarts, slotsUsed } = paginate(flow, template, front + 1, blockCache !== undefined);
  if (issue.distribution) addDistribution(pages, slotsUsed, issue.distribution, ctx, () => appendPage(pages));
  const all = [...frontPages(entries, articleStarts.map((p) => p + front), ctx), ...pages];
  addPageNumbers(all, ctx);
  return {
    width: template.page.width,
    height: template.page.height,
    info: { title: ctx.text('pdf_title').text, author: ctx.text('publisher').text, lang: template.language, date },
    pages: all,
  };
}

/**
 * A block set before with the same text and styles. Source positions are left out of the key:
 * they only name places in messages, and a line added above must not unsettle every block below.
 * Blocks no longer in the issue are dropped from the cache.
 */
function memoized(cache: Map<string, SetBlock>, used: Set<string>, block: FlowBlock, set: () => SetBlock): SetBlock {
  const key = JSON.stringify([block.style, block.gapBefore, block.bookmark, block.opensArticle, block.spans.map((s) => [s.text, s.style, s.marker])]);
  used.add(key);
  let done = cache.get(key);
  if (!done) {
    done = set();
    cache.set(key, done);
  }
  return done;
}

function appendPage(pages: Page[]): Page {
  const page: Page = { number: pages[pages.length - 1].number + 1, items: [], bookmarks: [] };
  pages.push(page);
  return page;
}
