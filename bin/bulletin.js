#!/usr/bin/env node
import { main, removePendingOnInterrupt } from '../dist/bundle/cli.mjs';

removePendingOnInterrupt();
process.exitCode = await main(process.argv.slice(2));
