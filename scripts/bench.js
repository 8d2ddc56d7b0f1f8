#!/usr/bin/env node
// Benchmark: cold `bulletin build <issue>` in a fresh process each run.
// Prints the median wall time, the peak resident memory and the PDF size.
// Usage: npm run bench [-- <issue> <runs>]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const issue = process.argv[2] ?? '218';
const runs = Number(process.argv[3] ?? 7);
const dir = mkdtempSync(join(tmpdir(), 'bulletin-bench-'));
const output = join(dir, 'bench.pdf');
const reportPeak = 'data:text/javascript,process.on("exit",()=>process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\\n`))';

const times = [];
const peaks = [];
for (let i = 0; i < runs; i++) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--import', reportPeak, join(root, 'bin', 'bulletin.js'), 'build', issue, '-o', output], { cwd: root, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(1);
  }
  times.push(ms);
  peaks.push(Number(/peak-rss-kib (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const size = statSync(output).size;
rmSync(dir, { recursive: true, force: true });
console.log(`bulletin build ${issue}: ${runs} cold runs`);
console.log(`  wall time  median ${(median(times) / 1000).toFixed(3)} s  (min ${(Math.min(...times) / 1000).toFixed(3)}, max ${(Math.max(...times) / 1000).toFixed(3)})`);
console.log(`  peak RSS   median ${median(peaks).toFixed(1)} MiB  (max ${Math.max(...peaks).toFixed(1)})`);
console.log(`  PDF size   ${(size / 1024).toFixed(1)} KiB`);
