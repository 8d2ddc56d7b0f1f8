import type { Root as HastRoot } from 'hast';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import type { Diagnostic } from '../diagnostics.js';
import { BulletinError } from '../errors.js';
import { plainText, shapeArticle } from './article.js';
import { findParagraph, scanDocumentXml, type DocxScan } from './docx-scan.js';
import { classesOf, find, parseHtml, removeWhere, toMdast } from './tomdast.js';
import type { Imported } from './types.js';

/**
 * Word's, WPS's and LibreOffice's paragraph styles → HTML elements, and classes naming the
 * article's parts (ROLES in tomdast.ts). mammoth's default map has no Title; pandoc writes Author and
 * Abstract; Intro, Byline, Epigraph, Keywords and Source are ours, for what a .docx cannot
 * otherwise show (where 开栏的话 ends). WPS names built-in styles in Chinese.
 */
export const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='标题'] => h1.title:fresh",
  // By style id, for a file whose style names are translated or missing.
  'p.Title => h1.title:fresh',
  "p[style-name='Subtitle'] => p.subtitle:fresh",
  "p[style-name='Author'] => p.byline:fresh",
  "p[style-name='Byline'] => p.byline:fresh",
  "p[style-name='Intro'] => p.intro:fresh",
  "p[style-name='Epigraph'] => p.epigraph:fresh",
  "p[style-name='Abstract'] => p.abstract:fresh",
  "p[style-name='Keywords'] => p.keywords:fresh",
  "p[style-name='Source'] => p.source:fresh",
  "p[style-name='标题 1'] => h1:fresh",
  "p[style-name='标题 2'] => h2:fresh",
  "p[style-name='Body Text'] => p:fresh",
  "p[style-name='First Paragraph'] => p:fresh",
  "p[style-name='正文'] => p:fresh",
];

/**
 * A .docx → an article: mammoth's HTML, read on the path web pages take; warnings from the
 * scan of its XML and from the shaping, each with its paragraph number.
 */
export async function importDocx(bytes: Uint8Array, file: string): Promise<Imported> {
  const { html, scan, messages } = await readDocx(bytes, file);
  const tree = parseHtml(html);
  // The scan names tables and images with their paragraphs; mammoth's copies of them go.
  removeWhere(tree, (e) => e.tagName === 'table' || e.tagName === 'img');
  markCentredTitle(tree, scan);
  const article = shapeArticle(await toMdast(tree), (node) => {
    const paragraph = node.type === 'root' ? undefined : findParagraph(scan.paragraphs, plainText(node));
    return paragraph === undefined ? { file } : { file, line: paragraph };
  });
  const found: Diagnostic[] = scan.findings.map((f) => ({ severity: 'warning', message: `${f.what} is ${f.fate} (paragraph ${f.paragraph})`, pos: { file, line: f.paragraph } }));
  const theirs: Diagnostic[] = messages.map((message) => ({ severity: 'warning', message: `mammoth: ${message}`, pos: { file } }));
  const named = article.warnings.map((w) => (w.pos?.line === undefined ? w : { ...w, message: `${w.message} (paragraph ${w.pos.line})` }));
  return { ...article, warnings: [...found, ...named, ...theirs] };
}

/** Without a Title style, a centred first paragraph is the title, as authors set one by hand. */
function markCentredTitle(tree: HastRoot, scan: DocxScan): void {
  const first = find(tree, (e) => /^(p|h[1-6])$/.test(e.tagName));
  const firstText = scan.paragraphs.findIndex((text) => text.trim()) + 1;
  if (!first || find(tree, (e) => classesOf(e).includes('title')) || !scan.centred.includes(firstText)) return;
  first.properties.className = [...classesOf(first), 'title'];
}

interface DocxRead {
  html: string;
  scan: DocxScan;
  /** mammoth's own warnings, which carry no position. */
  messages: string[];
}

async function readDocx(bytes: Uint8Array, file: string): Promise<DocxRead> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(buffer)).file('word/document.xml')?.async('string');
  } catch {
    xml = undefined;
  }
  if (xml === undefined) throw new BulletinError('the file is not a Word .docx document (no word/document.xml inside)', { file }, 'open it in Word, WPS or LibreOffice and save it as .docx');
  const result = await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP });
  // A style mammoth does not know, or one used but not defined, reads as a plain paragraph or run, which is what it is.
  const messages = result.messages.map((m) => m.message).filter((m) => !/^Unrecognised (paragraph|run) style|style with ID \w+ was referenced but not defined/.test(m));
  return { html: result.value, scan: scanDocumentXml(xml), messages };
}
