import type { SourcePos } from '../errors.js';

/** A piece of text and where it starts in its file. */
export interface Located {
  text: string;
  pos: SourcePos;
}

export type Inline =
  | { kind: 'text'; text: string; strong: boolean; pos: SourcePos }
  /** A footnote reference: the n-th reference of its article, counting from 1. */
  | { kind: 'noteRef'; number: number; pos: SourcePos };

export type Block =
  | { kind: 'paragraph'; inlines: Inline[]; pos: SourcePos }
  | { kind: 'heading'; level: 1 | 2; inlines: Inline[]; pos: SourcePos };

/** A footnote definition with the numbers of every reference to it, in order. */
export interface Note {
  label: string;
  numbers: number[];
  inlines: Inline[];
  pos: SourcePos;
}

export interface Article {
  file: string;
  title: Located;
  /** The contents-list text; the title with its forced breaks removed unless front matter sets it. */
  toc: Located;
  /** The toc is the title's text, not a field of its own (lint checks it once). */
  tocFromTitle: boolean;
  byline: Located;
  source: Located;
  intro: Located[];
  epigraph?: Located;
  epigraphSource?: Located;
  abstract?: Located;
  keywords: Located[];
  body: Block[];
  notes: Note[];
}
