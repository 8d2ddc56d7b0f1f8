import { dirname, join } from 'node:path';
import { buildIssue, type BuildOptions, type BuildResult, type LoadCache } from './build.js';
import { BulletinError } from './errors.js';
import type { World } from './world.js';

export type WatchEvent = { ok: true; result: BuildResult; seconds: number; cause: string } | { ok: false; error: BulletinError; cause: string };

/**
 * Build, then rebuild whenever an input changes: the manifest, an article, the template or a
 * font. Fonts stay open and unchanged articles keep their parse and layout between rebuilds;
 * a changed template or font starts afresh. Returns a function that stops watching.
 */
export function watchIssue(options: BuildOptions, world: World, onBuild: (event: WatchEvent) => void): () => void {
  let cache: LoadCache = { faces: new Map(), articles: new Map(), blocks: new Map() };
  let pending: NodeJS.Timeout | undefined;
  let running = Promise.resolve();
  let stopWatching = () => {};

  const rebuild = (cause: string) => {
    running = running.then(async () => {
      const started = performance.now();
      try {
        const result = await buildIssue(options, world, cache);
        onBuild({ ok: true, result, seconds: (performance.now() - started) / 1000, cause });
      } catch (error) {
        if (!(error instanceof BulletinError)) throw error;
        onBuild({ ok: false, error, cause });
      }
      if (cache.inputs) {
        stopWatching();
        const folders = [...new Set(cache.inputs.map((p) => dirname(p)))];
        stopWatching = world.watch(folders, (path) => changed(path));
      }
    });
  };
  const changed = (path: string) => {
    if (/\.(pdf|tmp)$/.test(path) || /(^|\/)\./.test(path.split('/').pop() ?? '')) return;
    if (/\.(ya?ml|otf|ttf|ttc)$/.test(path) && !path.endsWith(join('issue.yaml'))) cache = { faces: new Map(), articles: new Map(), blocks: new Map() };
    clearTimeout(pending);
    pending = setTimeout(() => rebuild(path), 30);
  };
  rebuild('start');
  return () => {
    clearTimeout(pending);
    stopWatching();
  };
}
