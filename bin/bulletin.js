#!/usr/bin/env node
import { loadBundle, setV8Flags } from './load.js';

setV8Flags(process.argv.slice(2));
const { main, catchSignals, EXIT } = loadBundle('cli').exports;

catchSignals((signal) => process.exit(EXIT[signal]));
process.exitCode = await main(process.argv.slice(2));
