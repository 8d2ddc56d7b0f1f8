import type { Element, ElementContent, Root } from 'hast';
import { classesOf, find, removeWhere, textOf, walk } from './tomdast.js';

/** Never part of an article's text, wherever they stand. */
const NEVER = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'form', 'button', 'input', 'select', 'textarea', 'nav', 'aside']);
/** Class or id words of page furniture: navigation, sharing, comments, related links, ads, editor lines. */
const FURNITURE = /(^|[-_\s])(nav|navbar|menu|breadcrumbs?|share|sharing|social|toolbar|comments?|related|recommend|sidebar|advert|ads?|banner|copyright|footer|header|editor|qrcode|login|search)([-_\s]|$)/i;
/** Class or id words of a page's article container. */
const CONTAINER = /(^|[-_\s])(article|content|post|main|text|detail|body)([-_\s]|$)/i;
const SOURCE_LINE = /^\s*来源[：:]\s*/;
const BYLINE = /^\s*作者[：:]\s*/;
/** Where a 来源 or 作者 value ends when other page facts follow on its line. */
const VALUE_END = /\s{2,}|\u3000|\s+(?=(作者|编辑|责任编辑|时间|发布时间|日期)[：:])/;

const nameOf = (element: Element) => `${classesOf(element).join(' ')} ${String(element.properties.id ?? '')}`;

/**
 * A saved news page → the article alone: the element holding most paragraph text (an
 * `<article>` or a container named like one) without furniture inside it; the page's `<h1>`
 * when the container has none; and the page's 来源 and 作者 lines when they stand outside it,
 * added as the lines the importer reads (（来源：…）, 作者：…).
 */
export function articleOf(page: Root): Root {
  removeWhere(page, (e) => NEVER.has(e.tagName));
  const container = pickContainer(page);
  removeWhere(container, (e) => e !== container && FURNITURE.test(nameOf(e)) && !/source|author|byline/i.test(nameOf(e)));
  const children: ElementContent[] = [...(container.children as ElementContent[])];
  const has = (test: (e: Element) => boolean) => find(container, test) !== undefined;
  const title = has((e) => e.tagName === 'h1') ? undefined : find(page, (e) => e.tagName === 'h1');
  const byline = has((e) => BYLINE.test(textOf(e))) ? undefined : smallest(page, BYLINE);
  const source = has((e) => SOURCE_LINE.test(textOf(e)) || /[（(]来源[：:]/.test(textOf(e))) ? undefined : smallest(page, SOURCE_LINE);
  if (byline) children.unshift(paragraph(`作者：${valueOf(byline, BYLINE)}`, byline));
  if (title) children.unshift(title);
  if (source) children.push(paragraph(`（来源：${valueOf(source, SOURCE_LINE)}）`, source));
  return { type: 'root', children };
}

function pickContainer(page: Root): Element | Root {
  const candidates: Element[] = [];
  walk(page, (e) => {
    if (e.tagName === 'article' || e.tagName === 'main' || /articleBody/.test(String(e.properties.itemProp ?? '')) || CONTAINER.test(nameOf(e))) candidates.push(e);
  });
  const score = (e: Element) => {
    let total = 0;
    walk(e, (p) => {
      if (p.tagName === 'p') total += textOf(p).trim().length;
    });
    return total;
  };
  // The innermost of equally good containers: a wrapper around the article holds its furniture too.
  let best: Element | undefined;
  for (const candidate of candidates) if (!best || score(candidate) >= score(best)) best = candidate;
  return best ?? find(page, (e) => e.tagName === 'body') ?? page;
}

/** The element with the shortest text that starts with the label: the label's own line, not the block around it. */
function smallest(root: Root, label: RegExp): Element | undefined {
  let best: Element | undefined;
  walk(root, (e) => {
    if (label.test(textOf(e)) && (!best || textOf(e).length <= textOf(best).length)) best = e;
  });
  return best;
}

function valueOf(element: Element, label: RegExp): string {
  return textOf(element).replace(label, '').split(VALUE_END)[0].trim();
}

function paragraph(text: string, from: Element): Element {
  return { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: text }], position: from.position };
}
