import type { Issue, Template } from '../manifest/types.js';
import type { Article } from '../markdown/types.js';
import { collectArticles } from './collect.js';
import { fill, makeContext } from './context.js';
import { issueValues, mastheadPage } from './masthead.js';
import { addPageNumbers } from './pagenumbers.js';
import { paginate } from './paginate.js';
import { setBlock } from './setblock.js';
import type { FontBook, LaidOutDocument } from './types.js';

export interface LayoutInput {
  issue: Issue;
  articles: readonly Article[];
  template: Template;
  fonts: FontBook;
  /** The document's date (creation and modification), chosen by the caller. */
  date: Date;
}

/** Issue → pages of positioned items: collect → shape, break, justify → paginate → masthead and folios. */
export function layoutIssue({ issue, articles, template, fonts, date }: LayoutInput): LaidOutDocument {
  const ctx = makeContext(template, fonts);
  const flow = collectArticles(articles, template).map((block) => setBlock(block, ctx));
  const { pages, articleStarts } = paginate(flow, template, 2);
  const first = mastheadPage(issue, articles, articleStarts.map((p) => p + 1), ctx);
  const all = [first, ...pages];
  addPageNumbers(all, ctx);
  const texts = { ...template.texts, ...issue.texts };
  return {
    width: template.page.width,
    height: template.page.height,
    info: { title: fill(texts.pdf_title, issueValues(issue)), author: texts.publisher, lang: 'zh-CN', date },
    faceFiles: Object.fromEntries(Object.entries(template.faces).map(([id, face]) => [id, face.file])),
    pages: all,
  };
}
