import type { SourcePos } from '../errors.js';

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export interface ArticleRef {
  /** As written in the manifest, relative to the issue folder. */
  path: string;
  pos: SourcePos;
}

/** The foot of the last page (GB/T 9704 §7.4): 报/送/发 lines and the print run. */
export interface Distribution {
  lines: { text: string; pos: SourcePos }[];
  printRun?: { text: string; pos: SourcePos };
}

/** An issue manifest (issue.yaml), checked. */
export interface Issue {
  file: string;
  template: string;
  templatePos: SourcePos;
  year: number;
  number: number;
  total: number;
  date: CalendarDate;
  articles: ArticleRef[];
  /** Overrides of the template's texts (masthead, publisher, …). */
  texts: Record<string, string>;
  distribution?: Distribution;
}

export type Align = 'justify' | 'left' | 'center' | 'right';
/** CMYK, each 0–100. */
export type Color = readonly [number, number, number, number];

export interface StyleSpec {
  face: string;
  latin?: string;
  size: number;
  indent: number;
  align: Align;
  color: string;
  rise: number;
  /** Empty slots before a block of this style; the grid's block_gap when unset. */
  spaceBefore?: number;
  /** Never end a page with this block: it goes down with the first line of what follows. */
  keepWithNext: boolean;
}

export interface MastheadLine {
  text: string;
  face: string;
  size: number;
  color: string;
  align: Align;
  slot: number;
  tracking: number;
}

/** A series' look: everything that is a property of the bulletin's design, from templates/<name>/template.yaml. */
export interface Template {
  name: string;
  /** BCP 47 language of the text, for the PDF's /Lang. */
  language: string;
  file: string;
  page: { width: number; height: number; marginTop: number; marginLeft: number; marginRight: number };
  /** articleStartsPage: every article begins on a new page (FORMAT.md §1). */
  grid: { slots: number; slotHeight: number; blockGap: number; emAscent: number; articleStartsPage: boolean };
  faces: Record<string, { file: string; raise: number }>;
  fallback: string[];
  colors: Record<string, Color>;
  typography: {
    hanLatinSpace: number;
    hanLatinSpaceEverywhere: boolean;
    /** Whether the Han–Latin space takes room when lines are filled (the print's grid absorbed it). */
    countHanLatinSpace: boolean;
    latinBreakWidth?: number;
    /** Latin tokens longer than this are counted by their glyphs even where latinBreakWidth is set. */
    latinGridMaxChars: number;
    latinMaxOverfill: number;
    latinOverfillPerGap: number;
    squeezeAdjacentPunctuation: boolean;
    padTwoCharacterNames: boolean;
    /** Marks whose blank half may be given up to pull a line-start-prohibited mark into the line. */
    pushInMarks: string;
    /** Em each of those marks may give up. */
    pushInLimit: number;
    /** Em justification may add to one gap before a long token is broken. */
    maxStretchPerGap: number;
    /** Where such a token breaks: after which marks in a URL and in other tokens, and hyphenation's minimum letters each side. */
    tokenBreaks: { urlAfter: string; tokenAfter: string; hyphen: string; hyphenLeft: number; hyphenRight: number };
  };
  styles: Record<string, StyleSpec>;
  texts: Record<string, string>;
  masthead: {
    lines: MastheadLine[];
    issueLine: { face: string; latin?: string; size: number; slot: number; inset: number; color: string; minGap: number };
    rule: { slot: number; width: number; color: string };
    contentsFirstSlot: number;
  };
  pageNumber: { belowTextBlock: number; outerInset: number; firstPage: boolean };
  contents: { pageNumbers: boolean; links: boolean; pageNumberColumn: number };
  /** The 版记 block: rule widths in points, the print run's alignment (GB/T 9704 §7.4). */
  distribution: { ruleThick: number; ruleThin: number; printRunAlign: Align };
}
