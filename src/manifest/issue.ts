import { isScalar, type Node } from 'yaml';
import { ErrorList } from '../errors.js';
import { checkPlaceholders, TEXT_NAMES } from './template.js';
import { YamlFile } from './yamlfile.js';
import type { ArticleRef, CalendarDate, Distribution, Issue } from './types.js';

const FIELDS = ['template', 'year', 'number', 'total', 'date', 'articles', 'texts', 'distribution'];

/**
 * Read and check an issue manifest (issue.yaml). Paths stay as written; the caller resolves
 * them. Every field is checked, and all their errors are thrown together.
 */
export function parseIssue(file: string, text: string): Issue {
  const y = new YamlFile(file, text, 'the issue manifest');
  const root = y.root;
  const where = 'the issue manifest';
  const found = new ErrorList();
  found.attempt(() => y.checkKeys(root, FIELDS, where));
  const templateNode = found.attempt(() => y.required(root, 'template', where));
  const template = found.attempt(() => templateNode && y.string(templateNode, 'template'));
  const articles = found.attempt(() => parseArticles(y, y.required(root, 'articles', where), found));
  const texts = found.attempt(() => parseTexts(y, y.node(root, 'texts'), found));
  const year = found.attempt(() => y.integer(y.required(root, 'year', where), 'year', 1949, 9999));
  const number = found.attempt(() => y.integer(y.required(root, 'number', where), 'number', 1, 999));
  const total = found.attempt(() => y.integer(y.required(root, 'total', where), 'total', 1, 99999));
  const date = found.attempt(() => parseDate(y, y.required(root, 'date', where)));
  const distribution = found.attempt(() => parseDistribution(y, y.node(root, 'distribution')));
  found.throwIfAny();
  return { file, template: template!, templatePos: y.posOf(templateNode), year: year!, number: number!, total: total!, date: date!, articles: articles!, texts: texts!, distribution };
}

function parseArticles(y: YamlFile, articlesNode: Node, found: ErrorList): ArticleRef[] {
  const articleNodes = y.list(articlesNode, 'articles');
  if (articleNodes.length === 0) throw y.error(articlesNode, '“articles” is empty', 'list the article files in print order, one “- file.md” line each');
  const seen = new Map<string, Node>();
  return articleNodes.flatMap((node) => {
    const ref = found.attempt((): ArticleRef => {
      const path = y.string(node, 'articles').trim();
      if (!path) throw y.error(node, 'an entry of “articles” is empty');
      const earlier = seen.get(path);
      if (earlier) throw y.error(node, `“${path}” is listed twice in “articles” (first at line ${y.posOf(earlier).line})`, 'remove one of the two entries');
      seen.set(path, node);
      return { path, pos: y.posOf(node) };
    });
    return ref ? [ref] : [];
  });
}

function parseTexts(y: YamlFile, textsNode: Node | undefined, found: ErrorList): Record<string, string> {
  const texts: Record<string, string> = {};
  if (!textsNode) return texts;
  const map = y.map(textsNode, 'texts');
  found.attempt(() => y.checkKeys(map, TEXT_NAMES, '“texts”'));
  for (const pair of map.items) {
    const name = String((pair.key as { value: unknown }).value);
    const value = pair.value as Node | null;
    found.attempt(() => {
      const text = value === null || (isScalar(value) && value.value === null) ? '' : y.string(value, name);
      checkPlaceholders(y, value, text, name);
      texts[name] = text;
    });
  }
  return texts;
}

function parseDate(y: YamlFile, node: Node): CalendarDate {
  const value = isScalar(node) ? node.value : undefined;
  // The YAML 1.2 core schema, which yaml uses, leaves 2025-12-19 a string.
  const text = typeof value === 'string' ? value : '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw y.error(node, `“date” must be a date written YYYY-MM-DD, not “${String(value)}”`);
  const [year, month, day] = match.slice(1).map(Number);
  const check = new Date(0);
  check.setUTCFullYear(year, month - 1, day); // Date.UTC would read years 0–99 as 1900–1999
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw y.error(node, `“date” ${text} is not a day of the calendar`);
  }
  return { year, month, day };
}

function parseDistribution(y: YamlFile, node: Node | undefined): Distribution | undefined {
  if (!node) return undefined;
  const map = y.map(node, 'distribution');
  y.checkKeys(map, ['lines', 'print_run'], '“distribution”');
  const lines = y.list(y.required(map, 'lines', '“distribution”'), 'lines').map((n) => ({ text: y.string(n, 'lines'), pos: y.posOf(n) }));
  const printRun = y.node(map, 'print_run');
  return { lines, printRun: printRun ? { text: y.string(printRun, 'print_run'), pos: y.posOf(printRun) } : undefined };
}

