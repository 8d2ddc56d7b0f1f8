import JSZip from 'jszip';
import mammoth from 'mammoth';
import { BulletinError } from '../errors.js';
import { scanDocumentXml, type DocxScan } from './docx-scan.js';

/**
 * Word's, WPS's and LibreOffice's paragraph styles → HTML elements, and classes naming the
 * article's parts (see roles.ts). mammoth's default map has no Title; pandoc writes Author and
 * Abstract; Intro, Byline, Epigraph, Keywords and Source are ours, for what a .docx cannot
 * otherwise show (where 开栏的话 ends). WPS names built-in styles in Chinese.
 */
export const STYLE_MAP = [
  "p[style-name='Title'] => h1.title:fresh",
  "p[style-name='标题'] => h1.title:fresh",
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

export interface DocxRead {
  html: string;
  scan: DocxScan;
  /** mammoth's own warnings, which carry no position. */
  messages: string[];
}

export async function readDocx(bytes: Uint8Array, file: string): Promise<DocxRead> {
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
