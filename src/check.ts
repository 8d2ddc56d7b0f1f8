import { layoutLoaded, loadIssue } from './build.js';
import { fromError, type Diagnostic } from './diagnostics.js';
import { BulletinError } from './errors.js';
import { lintArticle } from './lint.js';
import type { World } from './world.js';

/** `bulletin check`: everything a build validates, without writing a PDF, plus lint. */
export function checkIssue(spec: string, world: World): Diagnostic[] {
  let diagnostics: Diagnostic[];
  try {
    const loaded = loadIssue(spec, world);
    diagnostics = loaded.articles.flatMap((article) => lintArticle(article, loaded.template, loaded.faces));
    // Lint already names every character no font has; the layout would stop at the first.
    if (!diagnostics.some((d) => d.severity === 'error')) layoutLoaded(loaded, {}, world);
  } catch (error) {
    if (!(error instanceof BulletinError)) throw error;
    diagnostics = [fromError(error)];
  }
  return diagnostics.sort(byPosition);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.pos?.file ?? '').localeCompare(b.pos?.file ?? '') || (a.pos?.line ?? 0) - (b.pos?.line ?? 0) || (a.pos?.column ?? 0) - (b.pos?.column ?? 0);
}
