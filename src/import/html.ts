import { firstInvalidUtf8 } from '../build.js';
import { BulletinError } from '../errors.js';
import { joinLines } from '../markdown/parse.js';
import { shapeArticle } from './article.js';
import { articleOf } from './furniture.js';
import { parseHtml, toMdast, walk } from './tomdast.js';
import type { Imported } from './types.js';

/** A saved web page → an article: the page without its furniture, on the path Word documents take too. */
export async function importHtml(bytes: Uint8Array, file: string): Promise<Imported> {
  const tree = articleOf(parseHtml(decodeHtml(bytes, file)));
  // Lines of an HTML file are wrapped anywhere: joined as our Markdown joins them.
  walk(tree, (e) => {
    for (const child of e.children) if (child.type === 'text' && child.value.includes('\n')) child.value = joinLines(child.value);
  });
  return shapeArticle(await toMdast(tree), (node) => {
    const start = node.position?.start;
    return start ? { file, line: start.line, column: start.column } : { file };
  });
}

/** Chinese pages are often GBK (GB2312) and say so in a meta tag, as a browser saves them; else UTF-8. */
export function decodeHtml(bytes: Uint8Array, file: string): string {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const charset = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1].toLowerCase();
  if (charset && /^(gb2312|gbk|gb18030|x-gbk)$/.test(charset)) return new TextDecoder('gb18030').decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad !== undefined) {
    throw new BulletinError(`the page is not UTF-8 and names no Chinese encoding: invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at byte offset ${bad}`, { file }, 'save the page again from the browser, or convert it to UTF-8');
  }
  return new TextDecoder('utf-8').decode(bytes);
}
