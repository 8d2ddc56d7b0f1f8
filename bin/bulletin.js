#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// The one V8 flag, measured (issue 9, npm run bench): V8's young generation starts small and
// doubles as a build allocates, and the pages it grew to stay resident. Kept at its start size,
// a cold `build 218` peaks about 28 MiB lower (≈125 → ≈97 MiB) and is no slower. It must be set
// before the modules load, hence the dynamic import.
setFlagsFromString('--semi-space-growth-factor=1');
const { main, removePendingOnInterrupt } = await import('../dist/bundle/cli.mjs');

removePendingOnInterrupt();
process.exitCode = await main(process.argv.slice(2));
