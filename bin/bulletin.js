#!/usr/bin/env node
import { main, removePendingOnInterrupt } from '../dist/src/cli.js';

removePendingOnInterrupt();
process.exitCode = await main(process.argv.slice(2));
