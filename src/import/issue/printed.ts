import { runsOn, textBlock, type PrintedLine, type PrintedPage } from '../../pdftext/lines.js';
import type { Paragraph } from './paragraphs.js';

/**
 * A line's text. pdfjs reports every gap between two pieces of text as a space. A gap is a space
 * between two letters or digits (完善人才评价机制 推进, 占 GDP 比重), or beside punctuation only
 * when nearly an em wide (the gap between keywords), never inside a pair of brackets or before a
 * pause; narrower gaps beside punctuation are the justification's and the punctuation's own
 * spacing (助力科技“领跑”).
 */
export function lineText(line: PrintedLine, isBold: (font: string | undefined) => boolean = () => false): string {
  let text = '';
  line.runs.forEach((run, i) => {
    if (run.str.trim() !== '') {
      // Spaces pdfjs puts inside a run are letter-spacing (一 场 关 乎), except between Latin words.
      const str = run.str.replace(/\s+/g, ' ').replace(/(?<![A-Za-z0-9%]) | (?![A-Za-z0-9])/g, '');
      // A note marker keeps its face whatever the text around it; it is never a bold run-in.
      text += isBold(run.font) && !/^[\s\u2460-\u2473]+$/.test(str) ? `${BOLD_START}${str}${BOLD_END}` : str;
      return;
    }
    const next = line.runs.slice(i + 1).find((r) => r.str.trim() !== '')?.str.trimStart()[0] ?? '';
    const between = /[\p{L}\p{N}][\uE000\uE001]?$/u.test(text) && /^[\p{L}\p{N}]/u.test(next);
    const besidePunctuation = /[（《“‘「『]$/.test(text) || /^[，。、；：！？）》”’」』]/.test(next);
    if (text !== '' && next !== '' && !text.endsWith(' ') && !besidePunctuation && (between || run.width >= 0.9 * run.size)) text += ' ';
  });
  return text.trim();
}

/** Bold text is marked with these private-use characters until the paragraphs are whole. */
const [BOLD_START, BOLD_END] = ['\uE000', '\uE001'];

/**
 * A bold face by its name: bold, black, heavy, medium, semibold, demibold, or a 黑体 (Hei), the
 * face Chinese print uses for bold (仿宋 and 宋体 have none). The body's own face never is.
 */
function boldFaces(pages: readonly PrintedPage[]): (font: string | undefined) => boolean {
  const fonts = pages.flatMap((page) => page.lines.flatMap((line) => line.runs.map((run) => run.font ?? '')));
  const counts = new Map<string, number>();
  for (const font of fonts) counts.set(font, (counts.get(font) ?? 0) + 1);
  const body = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  return (font) => font !== undefined && font !== body && /bold|black|heavy|medium|semi|demi|hei/i.test(font.replace(/^[A-Z]{6}\+/, ''));
}

/**
 * Bold marks as Markdown: `**…**` around bold run-ins. A paragraph whose Han text is all bold (a
 * title, a heading) and a bold label (开栏的话, 【摘要】) are set so by the template, not marked.
 */
export function markBold(text: string): string {
  const merged = text.replace(/\uE001(\s?)\uE000/g, '$1').replace(/\uE000(开栏的话|【[^】]*】)\uE001/g, '$1');
  // Whole when no Han character is outside the marks: Latin in a bold heading is set in the regular Latin face.
  const whole = !/\p{Script=Han}/u.test(merged.replace(/\uE000[^\uE001]*\uE001/g, ''));
  return merged.replace(/[\uE000\uE001]/g, whole ? '' : '**');
}

/**
 * The paragraphs of a printed issue from its pages (furniture removed), as the seed text has
 * them, but with the page breaks inside paragraphs already undone: the page geometry tells them.
 * A line continues the paragraph above when that one reaches the right edge of the text block and
 * this one is not indented (or is set flush right, as an attribution's second line), in the same
 * size, at most 2.5 em below it (the line pitch is about 2 em; a gap between blocks adds a
 * line); across a page break, the distance does not count. Lines set larger than the body
 * (titles) run on one under another, joined by a space where the print broke them.
 */
export function paragraphsOfPages(pages: readonly PrintedPage[]): Paragraph[] {
  const lines = pages.flatMap((page) => page.lines.map((line) => ({ page: page.page, line })));
  const { size: body, left, right } = textBlock(pages);
  const isBold = boldFaces(pages);
  // `last`: the paragraph's last line so far, on page `lastPage`.
  const paragraphs: (Paragraph & { last: PrintedLine; lastPage: number })[] = [];
  for (const { page, line } of lines) {
    const text = lineText(line, isBold);
    const previous = paragraphs.at(-1);
    const sameSize = previous !== undefined && Math.abs(previous.last.size - line.size) < 0.5;
    const samePage = previous?.lastPage === page;
    const pitchOk = !samePage || previous!.last.y - line.y <= line.size * 2.5;
    const isTitle = sameSize && line.size > body + 0.5 && samePage && pitchOk;
    const continues = sameSize && runsOn(previous!.last, line, { left, right }) && pitchOk;
    const runsOnRightAligned = sameSize && previous!.last.right >= right - line.size / 2 && line.x > left + line.size * 1.5 + 0.5 && Math.abs(line.right - right) < line.size / 2 && samePage && pitchOk;
    if (previous && (isTitle || continues || runsOnRightAligned)) {
      previous.text = joinLines(previous.text, text, isTitle);
      previous.last = line;
      previous.lastPage = page;
    } else {
      paragraphs.push({ text, line: line.line, page, face: line.runs.at(-1)?.font, last: line, lastPage: page });
    }
  }
  // A line break between a Han character and a Latin word hides whether a space was typed there:
  // the issue's own habit elsewhere decides (its authors write 全球 AI, or 全球AI).
  const all = paragraphs.map((p) => p.text).join('\n');
  const spaced = (all.match(/\p{Script=Han} [A-Za-z]|[A-Za-z] \p{Script=Han}/gu) ?? []).length;
  const unspaced = (all.match(/\p{Script=Han}[A-Za-z]|[A-Za-z]\p{Script=Han}/gu) ?? []).length;
  return paragraphs.map(({ text, line, page, face }) => ({ face, text: markBold(text.replaceAll(HAN_LATIN_BREAK, spaced > unspaced ? ' ' : '')), line, page }));
}

/** Marks a line break between Han and Latin letters until the habit is known. */
const HAN_LATIN_BREAK = '\u0000';

function joinLines(before: string, after: string, spaced: boolean): string {
  if (/[A-Za-z]-$/.test(before) && /^[a-z]/.test(after)) return before.slice(0, -1) + after;
  if ((/\p{Script=Han}$/u.test(before) && /^[A-Za-z]/.test(after)) || (/[A-Za-z]$/.test(before) && /^\p{Script=Han}/u.test(after))) return before + HAN_LATIN_BREAK + after;
  return spaced || (/[A-Za-z0-9]$/.test(before) && /^[A-Za-z0-9]/.test(after)) ? `${before} ${after}` : before + after;
}
