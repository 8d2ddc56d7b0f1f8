#!/usr/bin/env node
const { loadBundle, setV8Flags } = require('./load.js');

setV8Flags(process.argv.slice(2));
const { main, catchSignals, EXIT } = bundleOrExit();

catchSignals((signal) => process.exit(EXIT[signal]));
main(process.argv.slice(2)).then(exitWhenIdle);

/**
 * Exit with `code` once nothing is left to do but Node's own teardown (the heap, the isolate),
 * which a build's heap makes slower than `node -e 0`'s: from the build's last line to the parent
 * seeing it end, 86.7 → 43.2 ms (medians of 15, on a loaded 2-core machine). Anything still
 * pending (a write to a pipe not yet taken, as on macOS; a worker; a watcher) is left to end as it would.
 */
function exitWhenIdle(code) {
  process.exitCode = code;
  setImmediate(() => {
    if (process.getActiveResourcesInfo().every(idleStandardStream)) process.exit();
  });
}

/** An open terminal or pipe, as standard output and error are, is not work left to do: a write in progress is listed apart (SimpleWriteWrap, WriteWrap). */
function idleStandardStream(resource) {
  return resource === 'TTYWrap' || resource === 'PipeWrap';
}

/** The CLI's bundle; without one (a clone not yet installed), a message instead of a stack trace. */
function bundleOrExit() {
  try {
    return loadBundle('cli').exports;
  } catch (error) {
    if (error?.code !== 'ENOENT') throw error;
    process.stderr.write('error: bulletin is not built: dist/bundle/cli.cjs is missing\n  hint: run npm ci (or npm run build) in bulletin\'s folder\n');
    process.exit(1);
  }
}
