import type { BlockTag, Bookmark, Span } from './types.js';

/** A paragraph-like unit of the flow: one block style, inline spans, set on the slot grid. */
export interface FlowBlock {
  style: string;
  spans: Span[];
  /** An empty slot before it (FORMAT.md §1); lines of one title follow each other without. */
  gapBefore: boolean;
  bookmark?: Bookmark;
  /** Index of the article this block opens, for contents links. */
  opensArticle?: number;
  /** What the block is, for the structure tree; the lines of one title share one. */
  tag?: BlockTag;
}
