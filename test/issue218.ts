import { loadIssue, layoutLoaded, type Loaded } from '../src/build.js';
import type { LaidOutDocument } from '../src/layout/types.js';
import { renderPdf } from '../src/render/pdf.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';

export interface Built {
  loaded: Loaded;
  document: LaidOutDocument;
  pdf: Uint8Array;
}

/** Issue 218 loaded, laid out and rendered with the default options, as `bulletin build 218` does. */
export async function buildIssue218(): Promise<Built> {
  const world = nodeWorld(PACKAGE_ROOT);
  const loaded = loadIssue('218', world);
  const document = layoutLoaded(loaded, {}, world);
  return { loaded, document, pdf: await renderPdf(document, loaded.faces) };
}
