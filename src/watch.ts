import { dirname } from 'node:path';
import { planIssue, renderIssue, writeRendered, type BuildOptions, type BuildResult, type LoadCache } from './build.js';
import { BulletinError } from './errors.js';
import { Interrupted } from './interrupt.js';
import type { World } from './world.js';

export type WatchEvent = { ok: true; result: BuildResult; seconds: number; cause: string } | { ok: false; error: Error; cause: string };

const freshCache = (faces: LoadCache['faces'] = new Map()): LoadCache => ({ faces, parsed: new Map(), blocks: new Map(), subsets: new WeakMap(), pages: {} });

/**
 * Build, then rebuild whenever an input changes: the manifest, an article, the template or a
 * font. Fonts stay open and unchanged articles keep their parse and layout between rebuilds;
 * a changed manifest or template sets everything again, a changed font also reopens the fonts.
 * The issue's folder is always watched, so a build that failed early is retried when fixed.
 * Returns a function that stops watching and resolves when the build under way has ended.
 */
export function watchIssue(options: BuildOptions, world: World, onBuild: (event: WatchEvent) => void): () => Promise<void> {
  let cache = freshCache();
  let pending: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let watched = '';
  let stopWatching = () => {};
  let lastInputs: readonly string[] = [];
  let output = planIssue(options, world).output;

  // The last good build's inputs, and (after a failed build) what the manifest names now: a build
  // that failed on the template still rebuilds when the template is mended.
  const watchFolders = (named: readonly string[]) => {
    const folders = [...new Set([...named, ...lastInputs.map((p) => dirname(p))])].sort();
    if (folders.length === 0) folders.push(world.cwd);
    if (folders.join('\n') === watched) return;
    stopWatching();
    watched = folders.join('\n');
    stopWatching = world.watch(folders, changed);
  };
  const rebuild = (cause: string) => {
    running = running.then(async () => {
      const started = performance.now();
      try {
        const rendered = await renderIssue(options, world, cache);
        const result = writeRendered(rendered, world);
        lastInputs = rendered.inputs;
        output = rendered.output;
        watchFolders([]);
        onBuild({ ok: true, result, seconds: (performance.now() - started) / 1000, cause });
      } catch (error) {
        if (error instanceof Interrupted) return; // the caller is stopping
        // Bad input or a bug: say so, and keep watching for the next change.
        const plan = planIssue(options, world, cache.parsed);
        output = plan.output ?? output;
        watchFolders(plan.folders);
        onBuild({ ok: false, error: error instanceof Error ? error : new BulletinError(String(error)), cause });
      }
    });
  };
  const changed = (path: string) => {
    const name = path.split('/').pop() ?? '';
    // Our own output and its temporary file must not trigger the next build.
    if (path === output || name.startsWith('.') || /\.(pdf|tmp)$/i.test(name)) return;
    if (/\.(otf|ttf|ttc)$/i.test(name)) cache = freshCache();
    else if (/\.ya?ml$/i.test(name)) cache = freshCache(cache.faces);
    clearTimeout(pending);
    pending = setTimeout(() => rebuild(path), 30);
  };
  rebuild('start');
  return async () => {
    clearTimeout(pending);
    stopWatching();
    await running;
  };
}
