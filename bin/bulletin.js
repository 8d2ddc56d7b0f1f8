#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// V8 flags, measured with npm run bench and alternating A/B runs (issue 9), set here only,
// before the modules load (hence the dynamic import):
// - V8's young generation starts small and doubles as a build allocates, and the pages it grew
//   to stay resident. Kept at its start size, a cold `build 218` peaks ≈22 MiB lower (112 → 90
//   MiB) and is no slower (wall 1.81 s against 1.99 s, CPU 1.77 s against 1.87 s).
// - A build is over in about a second: TurboFan's background compiles compete for the cores
//   and do not pay back (cold `build 218`: wall 1.33 s against 1.86 s, CPU 1.20 s against 1.76 s;
//   `build --all` of 8 issues: 4.2 s against 4.8 s). Only `watch`, which rebuilds the same issue
//   for hours, keeps the optimising compiler.
setFlagsFromString('--semi-space-growth-factor=1');
if (process.argv.slice(2).find((arg) => !arg.startsWith('-')) !== 'watch') setFlagsFromString('--no-opt');
const { main, catchSignals, EXIT } = await import('../dist/bundle/cli.mjs');

catchSignals((signal) => process.exit(EXIT[signal]));
process.exitCode = await main(process.argv.slice(2));
