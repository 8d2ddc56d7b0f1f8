import { layoutLoaded, loadIssue, type LoadCache } from './build.js';
import { fromError, type Diagnostic } from './diagnostics.js';
import { BulletinError, byPosition } from './errors.js';
import { lintArticle } from './lint.js';
import type { World } from './world.js';

/**
 * `bulletin check`: everything a build validates, without writing a PDF, plus lint; every
 * problem it can find in one run (all manifest fields, every article), sorted by file and line.
 */
export function checkIssue(spec: string, world: World, cache?: LoadCache): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  try {
    const problems: BulletinError[] = [];
    const loaded = loadIssue(spec, world, cache, problems);
    diagnostics.push(...problems.flatMap(fromError), ...loaded.articles.flatMap((article) => lintArticle(article, loaded.template, loaded.faces)));
    // Lint already names every character no font has; the layout would stop at the first.
    if (!diagnostics.some((d) => d.severity === 'error')) layoutLoaded(loaded, {}, world);
  } catch (error) {
    if (!(error instanceof BulletinError)) throw error;
    diagnostics.push(...fromError(error));
  }
  return diagnostics.sort((a, b) => byPosition(a.pos, b.pos));
}
