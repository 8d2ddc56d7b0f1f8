import { isScalar, type YAMLMap } from 'yaml';
import { BulletinError } from '../errors.js';
import { YamlFile } from './yamlfile.js';
import type { Align, Color, MastheadLine, StyleSpec, Template } from './types.js';

/** The block and inline styles the layout asks a template for. */
export const STYLE_NAMES = [
  'body', 'title', 'byline', 'heading1', 'heading2', 'intro', 'label', 'strong', 'epigraph', 'epigraph_source', 'abstract',
  'source', 'notes_heading', 'note', 'note_marker', 'contents_heading', 'contents_entry', 'page_number', 'distribution',
] as const;

export const TEXT_NAMES = [
  'publisher', 'masthead', 'label', 'issue_line', 'date_line', 'contents_heading', 'contents_bullet', 'intro_label',
  'abstract_label', 'keywords_label', 'keywords_separator', 'epigraph_dash', 'notes_heading', 'source_line', 'page_number', 'pdf_title',
  'label_separator', 'note_separator',
] as const;

const ALIGNS: readonly Align[] = ['justify', 'left', 'center', 'right'];

/** What a text may name in braces: the issue's numbers anywhere, {page} in folios, {source} in the 来源 line. */
function placeholders(textName: string): string[] {
  return ['year', 'number', 'total', 'month', 'day', ...(textName === 'page_number' ? ['page'] : []), ...(textName === 'source_line' ? ['source'] : [])];
}

/** Refuse a {name} that nothing fills in this text: it would be printed as it stands. */
export function checkPlaceholders(y: YamlFile, node: unknown, text: string, textName: string): void {
  const known = placeholders(textName);
  for (const [, name] of text.matchAll(/\{(\w*)\}/g)) {
    if (!known.includes(name)) throw y.error(node, `“{${name}}” is not a placeholder bulletin fills in “${textName}”`, `its placeholders are ${known.map((p) => `{${p}}`).join(' ')}`);
  }
}

/** Read and check templates/<name>/template.yaml. */
export function parseTemplate(file: string, text: string): Template {
  const y = new YamlFile(file, text, 'the template');
  const root = y.root;
  y.checkKeys(root, ['name', 'description', 'language', 'page', 'grid', 'faces', 'fallback', 'colors', 'typography', 'styles', 'texts', 'masthead', 'page_number', 'contents', 'distribution'], 'the template');
  const section = (key: string) => y.map(y.required(root, key, 'the template'), key);
  const num = (map: YAMLMap, key: string) => y.number(y.required(map, key, key), key);
  const opt = <T>(map: YAMLMap, key: string, read: (n: NonNullable<ReturnType<YamlFile['node']>>) => T, fallback: T): T => {
    const node = y.node(map, key);
    return node === undefined ? fallback : read(node);
  };

  const page = section('page');
  y.checkKeys(page, ['width', 'height', 'margin_top', 'margin_left', 'margin_right'], '“page”');
  const grid = section('grid');
  y.checkKeys(grid, ['slots', 'slot_height', 'block_gap', 'em_ascent', 'article_starts_page'], '“grid”');
  const facesMap = section('faces');
  const faces: Template['faces'] = {};
  for (const pair of facesMap.items) {
    const id = String((pair.key as { value: unknown }).value);
    const spec = y.map(pair.value as never, id);
    y.checkKeys(spec, ['file', 'raise'], `face “${id}”`);
    faces[id] = { file: y.string(y.required(spec, 'file', `face “${id}”`), 'file'), raise: opt(spec, 'raise', (n) => y.number(n, 'raise'), 0) };
  }
  const faceRef = (node: NonNullable<ReturnType<YamlFile['node']>>, key: string) => {
    const id = y.string(node, key);
    if (!faces[id]) throw y.error(node, `unknown face “${id}”`, `the template's faces are: ${Object.keys(faces).join(', ')}`);
    return id;
  };

  const colors: Template['colors'] = {};
  for (const pair of section('colors').items) {
    const id = String((pair.key as { value: unknown }).value);
    const values = y.list(pair.value as never, id).map((n) => y.number(n, id));
    if (values.length !== 4) throw y.error(pair.value, `colour “${id}” must be four CMYK numbers`);
    colors[id] = values as unknown as Color;
  }
  const colorRef = (node: NonNullable<ReturnType<YamlFile['node']>>, key: string) => {
    const id = y.string(node, key);
    if (!colors[id]) throw y.error(node, `unknown colour “${id}”`, `the template's colours are: ${Object.keys(colors).join(', ')}`);
    return id;
  };
  const align = (node: NonNullable<ReturnType<YamlFile['node']>>) => {
    const value = y.string(node, 'align') as Align;
    if (!ALIGNS.includes(value)) throw y.error(node, `align must be one of ${ALIGNS.join(', ')}`);
    return value;
  };

  const stylesMap = section('styles');
  const styles: Record<string, StyleSpec> = {};
  for (const name of STYLE_NAMES) {
    const spec = y.map(y.required(stylesMap, name, 'the template’s styles'), name);
    y.checkKeys(spec, ['face', 'latin', 'size', 'indent', 'align', 'color', 'rise', 'space_before', 'keep_with_next'], `style “${name}”`);
    styles[name] = {
      face: faceRef(y.required(spec, 'face', name), 'face'),
      latin: opt(spec, 'latin', (n) => faceRef(n, 'latin'), undefined),
      size: num(spec, 'size'),
      indent: opt(spec, 'indent', (n) => y.number(n, 'indent'), 0),
      align: opt(spec, 'align', align, 'left'),
      color: opt(spec, 'color', (n) => colorRef(n, 'color'), 'black'),
      rise: opt(spec, 'rise', (n) => y.number(n, 'rise'), 0),
      spaceBefore: opt(spec, 'space_before', (n) => y.number(n, 'space_before'), undefined),
      keepWithNext: opt(spec, 'keep_with_next', (n) => y.boolean(n, 'keep_with_next'), false),
    };
  }
  if (!colors.black) throw y.error(section('colors'), 'the template needs a colour “black” for text');

  const textsMap = section('texts');
  y.checkKeys(textsMap, TEXT_NAMES, '“texts”');
  const texts: Record<string, string> = {};
  for (const name of TEXT_NAMES) {
    // A text may be empty (gbt9704 has no contents bullet); it may not be missing.
    const node = y.node(textsMap, name) ?? y.required(textsMap, name, 'the template’s texts');
    texts[name] = isScalar(node) && node.value === null ? '' : y.string(node, name);
    checkPlaceholders(y, node, texts[name], name);
  }

  const masthead = section('masthead');
  y.checkKeys(masthead, ['lines', 'issue_line', 'rule', 'contents_first_slot'], '“masthead”');
  const lines: MastheadLine[] = y.list(y.required(masthead, 'lines', 'masthead'), 'lines').map((node) => {
    const m = y.map(node, 'masthead line');
    y.checkKeys(m, ['text', 'face', 'size', 'color', 'align', 'slot', 'tracking'], 'a masthead line');
    const textNode = y.required(m, 'text', 'masthead line');
    const text = y.string(textNode, 'text');
    if (!(TEXT_NAMES as readonly string[]).includes(text)) throw y.error(textNode, `masthead text “${text}” is not one of the template's texts`);
    return {
      text,
      face: faceRef(y.required(m, 'face', 'masthead line'), 'face'),
      size: num(m, 'size'),
      color: opt(m, 'color', (n) => colorRef(n, 'color'), 'black'),
      align: opt(m, 'align', align, 'center'),
      slot: num(m, 'slot'),
      tracking: opt(m, 'tracking', (n) => y.number(n, 'tracking'), 0),
    };
  });
  const issueLine = y.map(y.required(masthead, 'issue_line', 'masthead'), 'issue_line');
  y.checkKeys(issueLine, ['face', 'latin', 'size', 'slot', 'inset', 'color', 'min_gap'], '“issue_line”');
  const rule = y.map(y.required(masthead, 'rule', 'masthead'), 'rule');
  y.checkKeys(rule, ['slot', 'width', 'color'], '“rule”');
  const typography = section('typography');
  y.checkKeys(typography, ['han_latin_space', 'han_latin_space_everywhere', 'latin_break_width', 'latin_max_overfill', 'latin_overfill_per_gap', 'squeeze_adjacent_punctuation', 'pad_two_character_names',
    'count_han_latin_space', 'latin_grid_max_chars', 'push_in_marks', 'push_in_limit', 'max_stretch_per_gap', 'token_breaks'], '“typography”');
  const tokenBreaks = y.map(y.required(typography, 'token_breaks', 'typography'), 'token_breaks');
  y.checkKeys(tokenBreaks, ['url_after', 'token_after', 'hyphen', 'hyphen_left', 'hyphen_right'], '“token_breaks”');
  const pageNumber = section('page_number');
  y.checkKeys(pageNumber, ['below_text_block', 'outer_inset', 'first_page'], '“page_number”');
  const contents = section('contents');
  y.checkKeys(contents, ['page_numbers', 'links', 'page_number_column'], '“contents”');
  const distribution = section('distribution');
  y.checkKeys(distribution, ['rule_thick', 'rule_thin', 'print_run_align'], '“distribution”');
  const fallback = y.list(y.required(root, 'fallback', 'the template'), 'fallback').map((n) => faceRef(n, 'fallback'));

  const template: Template = {
    name: y.string(y.required(root, 'name', 'the template'), 'name'),
    language: opt(root, 'language', (n) => y.string(n, 'language'), 'zh-CN'),
    file,
    page: { width: num(page, 'width'), height: num(page, 'height'), marginTop: num(page, 'margin_top'), marginLeft: num(page, 'margin_left'), marginRight: num(page, 'margin_right') },
    grid: { slots: num(grid, 'slots'), slotHeight: num(grid, 'slot_height'), blockGap: num(grid, 'block_gap'), emAscent: num(grid, 'em_ascent'),
      articleStartsPage: opt(grid, 'article_starts_page', (n) => y.boolean(n, 'article_starts_page'), false) },
    faces,
    fallback,
    colors,
    typography: {
      hanLatinSpace: num(typography, 'han_latin_space'),
      hanLatinSpaceEverywhere: y.boolean(y.required(typography, 'han_latin_space_everywhere', 'typography'), 'han_latin_space_everywhere'),
      latinBreakWidth: opt(typography, 'latin_break_width', (n) => y.number(n, 'latin_break_width'), undefined),
      latinGridMaxChars: opt(typography, 'latin_grid_max_chars', (n) => y.number(n, 'latin_grid_max_chars'), Infinity),
      latinMaxOverfill: opt(typography, 'latin_max_overfill', (n) => y.number(n, 'latin_max_overfill'), 0),
      latinOverfillPerGap: opt(typography, 'latin_overfill_per_gap', (n) => y.number(n, 'latin_overfill_per_gap'), 0),
      squeezeAdjacentPunctuation: y.boolean(y.required(typography, 'squeeze_adjacent_punctuation', 'typography'), 'squeeze_adjacent_punctuation'),
      padTwoCharacterNames: y.boolean(y.required(typography, 'pad_two_character_names', 'typography'), 'pad_two_character_names'),
      countHanLatinSpace: opt(typography, 'count_han_latin_space', (n) => y.boolean(n, 'count_han_latin_space'), true),
      pushInMarks: opt(typography, 'push_in_marks', (n) => y.string(n, 'push_in_marks'), ''),
      pushInLimit: opt(typography, 'push_in_limit', (n) => y.number(n, 'push_in_limit'), 0),
      maxStretchPerGap: opt(typography, 'max_stretch_per_gap', (n) => y.number(n, 'max_stretch_per_gap'), 1),
      tokenBreaks: {
        urlAfter: y.string(y.required(tokenBreaks, 'url_after', 'token_breaks'), 'url_after'),
        tokenAfter: y.string(y.required(tokenBreaks, 'token_after', 'token_breaks'), 'token_after'),
        hyphen: y.string(y.required(tokenBreaks, 'hyphen', 'token_breaks'), 'hyphen'),
        hyphenLeft: num(tokenBreaks, 'hyphen_left'),
        hyphenRight: num(tokenBreaks, 'hyphen_right'),
      },
    },
    styles,
    texts,
    masthead: {
      lines,
      issueLine: {
        face: faceRef(y.required(issueLine, 'face', 'issue_line'), 'face'),
        latin: opt(issueLine, 'latin', (n) => faceRef(n, 'latin'), undefined),
        size: num(issueLine, 'size'),
        slot: num(issueLine, 'slot'),
        inset: num(issueLine, 'inset'),
        color: opt(issueLine, 'color', (n) => colorRef(n, 'color'), 'black'),
        minGap: opt(issueLine, 'min_gap', (n) => y.number(n, 'min_gap'), 1),
      },
      rule: { slot: num(rule, 'slot'), width: num(rule, 'width'), color: opt(rule, 'color', (n) => colorRef(n, 'color'), 'black') },
      contentsFirstSlot: num(masthead, 'contents_first_slot'),
    },
    pageNumber: {
      belowTextBlock: num(pageNumber, 'below_text_block'),
      outerInset: num(pageNumber, 'outer_inset'),
      firstPage: y.boolean(y.required(pageNumber, 'first_page', 'page_number'), 'first_page'),
    },
    distribution: {
      ruleThick: num(distribution, 'rule_thick'),
      ruleThin: num(distribution, 'rule_thin'),
      printRunAlign: opt(distribution, 'print_run_align', align, 'right'),
    },
    contents: {
      pageNumbers: y.boolean(y.required(contents, 'page_numbers', 'contents'), 'page_numbers'),
      links: y.boolean(y.required(contents, 'links', 'contents'), 'links'),
      pageNumberColumn: opt(contents, 'page_number_column', (n) => y.number(n, 'page_number_column'), 2.5),
    },
  };
  if (template.page.width <= template.page.marginLeft + template.page.marginRight) {
    throw new BulletinError('the template’s margins leave no room for text', y.posOf(page));
  }
  return template;
}
