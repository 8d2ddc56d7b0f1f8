import type { SourcePos } from '../errors.js';

import type { Color } from '../manifest/types.js';

export type { Color };

/** A run of characters set in one face and size; each glyph advances by its own width plus charSpacing. */
export interface TextItem {
  kind: 'text';
  face: string;
  size: number;
  x: number;
  /** Baseline, from the top of the page. */
  y: number;
  text: string;
  charSpacing: number;
  color: Color;
  /** The block the run belongs to; a run without one is decoration (a page number). */
  block?: BlockTag;
}

/**
 * What a block is, for the renderer's structure tree (ISO 32000-1 §14.8.4 standard types). The
 * runs of one block share one tag object, so that a block split over lines and pages is one element.
 */
export interface BlockTag {
  role: 'H1' | 'H2' | 'H3' | 'P' | 'BlockQuote' | 'Note' | 'Caption' | 'TOCI';
  /** The block's text as written (its spans joined), which the drawn runs stand for. */
  text: string;
  /** The article (its index) or the contents list the block belongs to; none for the masthead and distribution. */
  part?: number | 'contents';
  /** A note's markers and the separator after them, which open its text: its label (Lbl). */
  label?: string;
}

export interface RuleItem {
  kind: 'rule';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  color: Color;
}

/** A clickable area that goes to another page of the document. */
export interface LinkItem {
  kind: 'link';
  x: number;
  y: number;
  width: number;
  height: number;
  targetPage: number;
  /** The contents entry the link belongs to. */
  block?: BlockTag;
}

export type Item = TextItem | RuleItem | LinkItem;

export interface Bookmark {
  title: string;
  level: number;
  /** Top of the marked block's first slot, from the top of the page: where a view of it opens. */
  top?: number;
}

export interface Page {
  /** 1-based, as printed. */
  number: number;
  items: Item[];
  bookmarks: Bookmark[];
}

export interface DocumentInfo {
  title: string;
  author: string;
  lang: string;
  date: Date;
}

/** What the layout hands to the renderer: pages of absolutely positioned items, in points from the top-left. */
export interface LaidOutDocument {
  width: number;
  height: number;
  info: DocumentInfo;
  pages: Page[];
}

/** Metrics of one font face as the renderer will set it; advances in em. */
export interface FaceMetrics {
  readonly id: string;
  /** Em to lift the face's glyphs so its ideographs sit centred like the other faces'. */
  readonly raise?: number;
  has(codePoint: number): boolean;
  advance(text: string): number;
}

export type FontBook = ReadonlyMap<string, FaceMetrics>;

/** A piece of inline text in one style, with where it came from. */
export interface Span {
  text: string;
  style: string;
  pos?: SourcePos;
  /** A footnote reference mark, glued to the character before it. */
  marker?: boolean;
}
