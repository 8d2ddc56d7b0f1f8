#!/usr/bin/env node
const { loadBundle, setV8Flags } = require('./load.js');

setV8Flags(process.argv.slice(2));
const { main, catchSignals, EXIT } = bundleOrExit();

catchSignals((signal) => process.exit(EXIT[signal]));
main(process.argv.slice(2)).then((code) => (process.exitCode = code));

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
