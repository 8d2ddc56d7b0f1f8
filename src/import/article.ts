import type { Heading, Nodes, Paragraph, PhrasingContent, Root, RootContent } from 'mdast';
import type { Diagnostic } from '../diagnostics.js';
import { fixPunctuation } from './fixes.js';
import type { Front, Imported, Locate } from './types.js';

/** mdast node types an article cannot carry, by the name a warning gives them. */
const NOT_CARRIED: Record<string, string> = {
  table: 'a table',
  image: 'an image',
  imageReference: 'an image',
  code: 'a code block',
  html: 'raw HTML',
  thematicBreak: 'a horizontal rule',
  math: 'math',
  inlineMath: 'math',
};

/** 一、 starts a level-1 heading, （一） and ◆ a level-2 one, in Chinese official and press style. */
const HEADING_PATTERNS: { pattern: RegExp; depth: 1 | 2 }[] = [
  { pattern: /^[一二三四五六七八九十]+、/, depth: 1 },
  { pattern: /^（[一二三四五六七八九十]+）|^◆/, depth: 2 },
];
/** A numbered line is a heading only when short and no sentence ends inside it. */
const HEADING_MAX = 50;

const LABELS = {
  intro: /^【?开栏的话】?[：:]?\s*/,
  abstract: /^(【摘\s*要】|摘\s*要[：:])\s*/,
  keywords: /^(【关键词】|关键词[：:])\s*/,
  source: /^[（(]\s*来源[：:]\s*([\s\S]*?)\s*[）)]$|^来源[：:]\s*([\s\S]*)$/,
  byline: /^(作者|文)\s*[：:/／]\s*/,
  epigraphSource: /^——\s*/,
};

/**
 * The mdast of a document (Word or web page) → an article's front matter and body. Roles from
 * paragraph styles come first; without them, the labels and patterns staff type (开栏的话,
 * ——《…》, 【摘要】, 【关键词】, （来源：…）, 一、). What cannot be carried is a warning at its place.
 */
export function shapeArticle(root: Root, locate: Locate): Imported {
  const warnings: Diagnostic[] = [];
  const warn = (node: Nodes, message: string, hint?: string) => warnings.push({ severity: 'warning', message, pos: locate(node), ...(hint ? { hint } : {}) });
  const front: Front = { intro: [], keywords: [] };
  const body: RootContent[] = [];
  let introLabel: Paragraph | undefined;
  const bodyText = () => body.filter((b) => b.type === 'paragraph' || b.type === 'heading');
  for (const block of flatten(root.children, warn)) {
    if (block.type === 'footnoteDefinition') {
      body.push(block);
      continue;
    }
    tidyInlines(block, warn);
    const text = plainText(block).trim();
    if (!text) continue;
    const role = block.type === 'paragraph' ? block.data?.role : undefined;
    const fresh = bodyText().length === 0;
    const field = (value: string) => fixed(value, block, warn);
    const source = LABELS.source.exec(text);
    if (role === 'title' || (!front.title && fresh && !role && isTitleLike(block))) {
      front.title = field(text.replace(/[ \u3000]*\n[ \u3000]*/g, '\n'));
    } else if (role === 'subtitle') {
      warn(block, `a subtitle is left out: “${text}”`, 'put it into the title after a line break, if it belongs there');
    } else if (role === 'intro' || introLabel) {
      if (!role) warn(block, 'took the one paragraph after 开栏的话 as the intro (开栏的话); in Word, give every paragraph of it the Intro style to take more');
      front.intro.push(field(text));
      introLabel = undefined;
    } else if (LABELS.intro.test(text)) {
      const rest = text.replace(LABELS.intro, '');
      if (!rest) introLabel = block as Paragraph;
      else {
        warn(block, 'took this one paragraph as the intro (开栏的话); in Word, give every paragraph of it the Intro style to take more');
        front.intro.push(field(rest));
      }
    } else if (role === 'abstract' || LABELS.abstract.test(text)) {
      front.abstract = field(text.replace(LABELS.abstract, ''));
    } else if (role === 'keywords' || LABELS.keywords.test(text)) {
      front.keywords = splitKeywords(field(text.replace(LABELS.keywords, '')));
    } else if (role === 'source' || (source && !front.source)) {
      front.source = field(source ? (source[1] ?? source[2]) : text);
    } else if (source && field(source[1] ?? source[2]) === front.source) {
      continue;
    } else if (role === 'byline' || (front.title && !front.byline && fresh && block.type === 'paragraph' && !asHeading(block) && isBylineLike(text))) {
      front.byline = field(text.replace(LABELS.byline, ''));
    } else if (role === 'epigraph') {
      front.epigraph = field(text);
    } else if (LABELS.epigraphSource.test(text) && !front.epigraphSource && epigraphBefore(front, bodyText())) {
      if (!front.epigraph) front.epigraph = field(plainText(body.pop() as Paragraph).trim());
      front.epigraphSource = field(text.replace(LABELS.epigraphSource, ''));
    } else {
      if (source) warn(block, `a second 来源 line is kept in the text: “${text}”`, 'keep one 来源 line; the first is the article’s source');
      body.push(fixBlock(asHeading(block) ?? block, warn));
    }
  }
  if (introLabel) warn(introLabel, '开栏的话 has no paragraph after it; it is left out');
  normalizeHeadings(body, warn);
  const missing = (['title', 'byline', 'source'] as const).filter((key) => !front[key]);
  for (const key of missing) {
    warnings.push({ severity: 'warning', message: `found no ${key === 'source' ? 'source (a （来源：…） line)' : key}; the front matter has an empty “${key}” to fill in`, pos: locate(root) });
  }
  return { front, body, warnings };
}

type Block = Paragraph | Heading | Extract<RootContent, { type: 'footnoteDefinition' }>;
type Warn = (node: Nodes, message: string, hint?: string) => void;

/** Paragraphs, headings and notes, in order: a list's items and a quotation's paragraphs become paragraphs; what cannot be carried is named. */
function flatten(nodes: readonly RootContent[], warn: Warn): Block[] {
  return nodes.flatMap((node): Block[] => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'footnoteDefinition') return [node];
    if (node.type === 'list') {
      warn(node.children[0] ?? node, 'a list: its items became paragraphs, without their bullets or numbers');
      return node.children.flatMap((item) => flatten(item.children, warn));
    }
    if (node.type === 'blockquote') return flatten(node.children, warn);
    if (node.type === 'definition' || node.type === 'yaml') return [];
    warn(node, `${NOT_CARRIED[node.type] ?? `“${node.type}”`} is left out`, 'add it by hand if the print needs it; the bulletin carries text only');
    return [];
  });
}

/** Strip the indent typed as full-width spaces; unwrap what the print does not show (links, italics); name images left out. */
function tidyInlines(block: Paragraph | Heading, warn: Warn): void {
  const tidy = (nodes: PhrasingContent[]): PhrasingContent[] =>
    nodes.flatMap((node): PhrasingContent[] => {
      switch (node.type) {
        case 'link':
        case 'emphasis':
        case 'delete':
          return tidy(node.children);
        case 'strong':
          return [{ ...node, children: tidy(node.children) }];
        case 'inlineCode':
          return [{ type: 'text', value: node.value }];
        case 'image':
        case 'imageReference':
        case 'html':
          warn(node, `${NOT_CARRIED[node.type]} is left out`, 'add it by hand if the print needs it; the bulletin carries text only');
          return [];
        default:
          return [node];
      }
    });
  block.children = tidy(block.children);
  const first = firstText(block.children);
  if (first) first.value = first.value.replace(/^[\s\u3000]+/, '');
  const last = lastText(block.children);
  if (last) last.value = last.value.replace(/[\s\u3000]+$/, '');
}

function firstText(nodes: PhrasingContent[]): { value: string } | undefined {
  const node = nodes[0];
  if (!node) return undefined;
  return node.type === 'text' ? node : 'children' in node ? firstText(node.children) : undefined;
}

function lastText(nodes: PhrasingContent[]): { value: string } | undefined {
  const node = nodes.at(-1);
  if (!node) return undefined;
  return node.type === 'text' ? node : 'children' in node ? lastText(node.children) : undefined;
}

/** A node's text: a line break as a newline, a footnote reference as nothing. */
export function plainText(node: Nodes): string {
  if (node.type === 'break') return '\n';
  if ('value' in node && node.type === 'text') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** A heading, or a paragraph set in bold throughout, before any body text: what a title looks like. */
function isTitleLike(block: Paragraph | Heading): boolean {
  return block.type === 'heading' || (block.children.length > 0 && block.children.every((c) => c.type === 'strong' || (c.type === 'text' && !c.value.trim())));
}

/** A short line of names (and posts) with no sentence punctuation: 科技部党组书记、部长 阴和俊. */
function isBylineLike(text: string): boolean {
  return LABELS.byline.test(text) || (text.length <= 30 && !/[。，；：！？“”《》（）]/.test(text));
}

/** The ——《…》 line follows the epigraph: either styled, or the one paragraph before it, ahead of any heading. */
function epigraphBefore(front: Front, body: RootContent[]): boolean {
  return front.epigraph !== undefined ? body.length === 0 : body.length === 1 && body[0].type === 'paragraph';
}

/** 【关键词】“十五五”；规划建议；科技创新 → its keywords. */
function splitKeywords(text: string): string[] {
  const parts = text.split(/\s*[；;，,、]\s*/).filter(Boolean);
  return parts.length > 1 ? parts : text.split(/[\s\u3000]+/).filter(Boolean);
}

/** A paragraph that opens with 一、 or （一） or ◆ and is short: a heading, as the print sets it. */
function asHeading(block: Paragraph | Heading): Heading | undefined {
  if (block.type !== 'paragraph') return undefined;
  const text = plainText(block).trim();
  const match = HEADING_PATTERNS.find((h) => h.pattern.test(text));
  if (!match || text.length > HEADING_MAX || /[。！？；]./.test(text)) return undefined;
  return { type: 'heading', depth: match.depth, children: unbold(block.children), position: block.position };
}

/** A heading is bold by its style: bold inside it is not written. */
function unbold(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((node) => (node.type === 'strong' ? unbold(node.children) : [node]));
}

function fixBlock(block: Paragraph | Heading, warn: Warn): Paragraph | Heading {
  const fixes = new Set<string>();
  // Named by the text as the source has it, before the fixes change it.
  const before: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: plainText(block) }], position: block.position };
  const visit = (nodes: PhrasingContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const result = fixPunctuation(node.value);
        node.value = result.text;
        result.fixes.forEach((f) => fixes.add(f));
      } else if ('children' in node) {
        visit(node.children);
      }
    }
  };
  visit(block.children);
  for (const fix of fixes) warn(before, fix);
  if (block.type === 'heading') block.children = unbold(block.children);
  return block;
}

function fixed(value: string, node: Nodes, warn: Warn): string {
  const result = fixPunctuation(value);
  result.fixes.forEach((f) => warn(node, f));
  return result.text;
}

/**
 * Headings become `#` and `##` by rank: the shallowest level the document uses is `#` (a web
 * page's sections are often h2 or h3 under its h1 title), the next `##`; deeper ones are `##`.
 */
function normalizeHeadings(body: RootContent[], warn: Warn): void {
  const depths = [...new Set(body.flatMap((b) => (b.type === 'heading' ? [b.depth] : [])))].sort();
  for (const block of body) {
    if (block.type !== 'heading') continue;
    const rank = depths.indexOf(block.depth);
    if (rank > 1) warn(block, `a heading of a third level or deeper became a level-2 heading (##): “${plainText(block).trim()}”`);
    block.depth = rank === 0 ? 1 : 2;
  }
}
