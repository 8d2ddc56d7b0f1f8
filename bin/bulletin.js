#!/usr/bin/env node
const { loadBundle, setV8Flags } = require('./load.js');

setV8Flags(process.argv.slice(2));
const { main, catchSignals, EXIT } = loadBundle('cli').exports;

catchSignals((signal) => process.exit(EXIT[signal]));
main(process.argv.slice(2)).then((code) => (process.exitCode = code));
