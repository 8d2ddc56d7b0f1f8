#!/usr/bin/env node
import { main, catchSignals } from '../dist/bundle/cli.mjs';

catchSignals();
process.exitCode = await main(process.argv.slice(2));
