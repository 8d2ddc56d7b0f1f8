#!/usr/bin/env node
import { main, catchSignals, EXIT } from '../dist/bundle/cli.mjs';

catchSignals((signal) => process.exit(EXIT[signal]));
process.exitCode = await main(process.argv.slice(2));
