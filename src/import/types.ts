import type { Nodes, RootContent } from 'mdast';
import type { Diagnostic } from '../diagnostics.js';
import type { SourcePos } from '../errors.js';

/** An article's front matter as the importer found it; the fields of README's article format. */
export interface Front {
  title?: string;
  byline?: string;
  source?: string;
  intro: string[];
  epigraph?: string;
  epigraphSource?: string;
  abstract?: string;
  keywords: string[];
}

/** What the importer made of a document: front matter, body blocks (mdast), and what it says about them. */
export interface Imported {
  front: Front;
  body: RootContent[];
  warnings: Diagnostic[];
}

/** Where a node of the mdast came from in the source document, for warnings. */
export type Locate = (node: Nodes) => SourcePos | undefined;
