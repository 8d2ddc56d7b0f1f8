import type { Diagnostic } from '../../diagnostics.js';
import { BulletinError } from '../../errors.js';
import { joinPageCuts, looksLikeHeading, type Paragraph } from './paragraphs.js';
import type { Front } from '../types.js';

/** An issue as read from its print: the manifest's values and the articles in order. */
export interface IssueDraft {
  year: number;
  number: number;
  total: number;
  /** YYYY-MM-DD */
  date: string;
  articles: ArticleDraft[];
  /** The distribution block after the last article: 报：/送： lines and the print run. */
  distribution?: { lines: string[]; printRun?: string };
}

export type BodyBlock = { kind: 'heading'; level: 1 | 2; text: string } | { kind: 'paragraph'; text: string };

/** An article's front matter and body; note references in body text are `[^n<k>]`. */
export interface ArticleDraft extends Front {
  title: string;
  toc?: string;
  byline: string;
  body: BodyBlock[];
  notes: { label: string; text: string }[];
}

const DISTRIBUTION_LINE = /^(报|送|抄送|抄报|发)：/;
const PRINT_RUN = /^共印\s*\d+\s*份$/;
const ISSUE_LINE = /^(\d{4})\s*年第\s*(\d+)\s*期（总第\s*(\d+)\s*期）\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const withoutSpaces = (s: string) => s.replace(/\s+/g, '');

/** The template's texts that the print shows around the articles' own: how an article's parts are found. */
export interface PrintedLabels {
  contents: string;
  bullet: string;
  intro: string;
  epigraphDash: string;
  abstract: string;
  keywords: string;
  notes: string;
  /** The 来源 line around its {source}. */
  source: readonly [string, string];
}

/** The labels of a template's texts (contents_heading, intro_label, source_line, …). */
export function printedLabels(texts: Readonly<Record<string, string>>, file: string): PrintedLabels {
  if (!texts.contents_bullet) throw new BulletinError('the template sets its contents entries without a bullet (contents_bullet): its back issues cannot be split into articles', { file });
  const [before, after = ''] = texts.source_line.split('{source}');
  return {
    contents: texts.contents_heading,
    bullet: texts.contents_bullet,
    intro: texts.intro_label,
    epigraphDash: texts.epigraph_dash,
    abstract: texts.abstract_label,
    keywords: texts.keywords_label,
    notes: texts.notes_heading,
    source: [before, after],
  };
}

/** `text` without its leading `label` and the space after it. */
const after = (text: string, label: string) => text.slice(label.length).trimStart();

/**
 * The issue in a printed issue's paragraphs: the masthead gives year, number, total and date;
 * the contents (【本期目录】, the template's `labels`) the titles, at which the articles are split.
 * Uncertain readings go to `warnings`.
 */
export function readIssue(paragraphs: readonly Paragraph[], labels: PrintedLabels, file: string, warnings: Diagnostic[], cutsJoined = false): IssueDraft {
  const issueLine = paragraphs.find((p) => ISSUE_LINE.test(p.text));
  if (!issueLine) throw new BulletinError('no issue line (“2025 年第 12 期（总第 218 期） 2025 年 12 月 19 日”) in the masthead', { file }, 'is this the text of a whole printed issue?');
  const [, year, number, total, y, m, d] = ISSUE_LINE.exec(issueLine.text)!;
  const tocAt = paragraphs.findIndex((p) => p.text === labels.contents);
  if (tocAt < 0) throw new BulletinError(`no ${labels.contents} (table of contents) after the masthead`, { file, line: issueLine.line });
  // Text extraction may put a list dash before an entry: “- ★…”.
  const entry = (text: string) => text.replace(/^[-•·]\s*/, '');
  const toc: string[] = [];
  let at = tocAt + 1;
  for (; at < paragraphs.length && entry(paragraphs[at].text).startsWith(labels.bullet); at++) toc.push(after(entry(paragraphs[at].text), labels.bullet));
  // An article begins at a paragraph that is its contents entry, spaces aside (a title the print breaks over two lines shows a space there).
  const starts = toc.map((entry) => {
    const found = paragraphs.findIndex((p, i) => i >= at && withoutSpaces(p.text) === withoutSpaces(entry));
    if (found < 0) throw new BulletinError(`the contents entry “${entry}” is not the title of any article that follows`, { file, line: paragraphs[tocAt].line });
    return found;
  });
  let end = paragraphs.length;
  while (end > 0 && (DISTRIBUTION_LINE.test(paragraphs[end - 1].text) || PRINT_RUN.test(paragraphs[end - 1].text))) end--;
  const articles = starts.map((start, i) => readArticle(paragraphs.slice(start, starts[i + 1] ?? end), toc[i], labels, file, warnings, cutsJoined));
  const date = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const trailing = paragraphs.slice(end).map((p) => p.text);
  const distribution = trailing.length > 0 ? { lines: trailing.filter((t) => DISTRIBUTION_LINE.test(t)), printRun: trailing.find((t) => PRINT_RUN.test(t)) } : undefined;
  return { year: Number(year), number: Number(number), total: Number(total), date, articles, distribution };
}

/**
 * How many paragraphs the intro (开栏的话) holds. A PDF shows it: they are set in a face of their own.
 * From text alone it is a guess: up to the paragraph that announces the article by its title.
 */
function introLength(blocks: readonly Paragraph[], title: string): number {
  const face = blocks[0].face;
  if (face !== undefined) {
    let count = 1;
    while (count < blocks.length && blocks[count].face === face) count++;
    return count;
  }
  const announcing = blocks.findIndex((p, i) => i < 4 && p.text.includes(`《${withoutSpaces(title)}》`));
  return announcing >= 0 ? announcing + 1 : 1;
}

/** `cutsJoined`: the paragraphs cut by page breaks are whole already (read from a PDF's geometry). */
function readArticle(paragraphs: readonly Paragraph[], tocEntry: string, labels: PrintedLabels, file: string, warnings: Diagnostic[], cutsJoined: boolean): ArticleDraft {
  const [titleParagraph, bylineParagraph, ...rest] = paragraphs;
  const warn = (message: string, at: Paragraph) => warnings.push({ severity: 'warning', message, pos: { file, page: at.page, line: at.line } });
  const title = titleParagraph.text;
  // The contents entry without the title's space: the print broke the title over two lines there.
  const broken = title !== tocEntry && withoutSpaces(title) === withoutSpaces(tocEntry);
  // The print letter-spaces a two-character name to the width of three (薛 姝).
  const byline = /^\p{Script=Han}\s+\p{Script=Han}$/u.test(bylineParagraph?.text ?? '') ? withoutSpaces(bylineParagraph.text) : (bylineParagraph?.text ?? '');
  const article: ArticleDraft = { title: broken ? title.replace(/\s+/, '\n') : title, toc: broken ? tocEntry : undefined, byline, intro: [], keywords: [], body: [], notes: [] };
  let blocks = cutsJoined ? [...rest] : joinPageCuts(rest, file, warnings);
  if (blocks[0]?.text.startsWith(labels.intro)) {
    const count = introLength(blocks, title);
    if (blocks[0].face === undefined) warn(`the ${labels.intro} is taken to be ${count} paragraph${count === 1 ? '' : 's'} long (a guess from plain text)`, blocks[0]);
    article.intro = blocks.slice(0, count).map((p, i) => (i === 0 ? after(p.text, labels.intro) : p.text));
    blocks = blocks.slice(count);
  }
  if (blocks[0]?.text.startsWith('“') && blocks[1]?.text.startsWith(labels.epigraphDash)) {
    article.epigraph = blocks[0].text;
    article.epigraphSource = after(blocks[1].text, labels.epigraphDash);
    blocks = blocks.slice(2);
  }
  if (blocks[0]?.text.startsWith(labels.abstract)) article.abstract = after(blocks.shift()!.text, labels.abstract);
  if (blocks[0]?.text.startsWith(labels.keywords)) article.keywords = after(blocks.shift()!.text, labels.keywords).split(/\s+/);
  const noteLabels = new Map<string, string>();
  const label = (marker: string) => noteLabels.get(marker) ?? noteLabels.set(marker, `n${noteLabels.size + 1}`).get(marker)!;
  const [sourceBefore, sourceAfter] = labels.source;
  const notesAt = blocks.findIndex((p) => p.text === labels.notes);
  const sourceAt = blocks.findIndex((p) => p.text.startsWith(sourceBefore) && p.text.endsWith(sourceAfter));
  const bodyEnd = [notesAt, sourceAt].filter((i) => i >= 0).reduce((a, b) => Math.min(a, b), blocks.length);
  // Notes first: a definition for ①②⑥ gives those markers one label.
  for (const note of notesAt >= 0 ? blocks.slice(notesAt + 1, sourceAt > notesAt ? sourceAt : blocks.length) : []) {
    const markers = /^([\u2460-\u2473]+)\s*/.exec(note.text);
    if (!markers) {
      warn(`a line among the ${labels.notes} that starts with no circled number; kept as the previous note’s continuation`, note);
      if (article.notes.length > 0) article.notes[article.notes.length - 1].text += note.text;
      continue;
    }
    const [first, ...others] = [...markers[1]];
    const shared = label(first);
    for (const other of others) noteLabels.set(other, shared);
    article.notes.push({ label: shared, text: note.text.slice(markers[0].length) });
  }
  if (sourceAt >= 0) article.source = blocks[sourceAt].text.slice(sourceBefore.length, blocks[sourceAt].text.length - sourceAfter.length);
  const leftOut = sourceAt > notesAt ? blocks.slice(sourceAt + 1) : [];
  for (const extra of leftOut) warn(`left out: text after the ${sourceBefore}…${sourceAfter} line that is neither a note nor the distribution: “${extra.text.slice(0, 16)}”`, extra);
  for (const block of blocks.slice(0, bodyEnd)) {
    const text = block.text.replace(/\^?([\u2460-\u2473])/g, (_, marker: string) => {
      if (!noteLabels.has(marker)) warn(`note marker ${marker} has no definition under ${labels.notes}`, block);
      return `[^${label(marker)}]`;
    });
    if (looksLikeHeading(block.text)) {
      const level = block.text.startsWith('◆') ? 2 : 1;
      warn(`taken as a level-${level} heading: “${block.text.slice(0, 16)}”`, block);
      article.body.push({ kind: 'heading', level, text: text.replace(/^◆\s*/, '◆ ') });
    } else {
      article.body.push({ kind: 'paragraph', text });
    }
  }
  return article;
}
