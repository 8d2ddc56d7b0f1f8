#!/usr/bin/env node
// Benchmark: `bulletin watch 218` as a user runs it, on a copy of issue 218 in a temporary
// folder; a one-paragraph edit (a character added to, then taken from, a paragraph of article 3)
// is saved again and again, and each rebuild's time is read from watch's own status line
// (measured from the change to the written file). Prints the first build's time and the
// steady-state median and minimum of the rebuilds after the first three.
// Usage: npm run bench:watch [-- <rebuilds>]
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rebuilds = Math.max(Number(process.argv[2] ?? 15), 4);
const dir = mkdtempSync(join(tmpdir(), 'bulletin-bench-watch-'));
cpSync(join(root, 'issues', '218'), join(dir, 'issues', '218'), { recursive: true });
const article = join(dir, 'issues', '218', '03-jichu-yanjiu.md');
const original = readFileSync(article, 'utf8');
const paragraph = /^(基础研究决定科技发展潜力。[^\n]*)/m;

const watch = spawn(process.execPath, [join(root, 'bin', 'bulletin.js'), 'watch', '218'], { cwd: dir });
let pending = '';
const waiters = [];
watch.stdout.on('data', (chunk) => {
  pending += chunk;
  for (let end; (end = pending.indexOf('\n')) >= 0; pending = pending.slice(end + 1)) {
    const seconds = / (\d+\.\d+) s/.exec(pending.slice(0, end))?.[1];
    if (seconds !== undefined) waiters.shift()?.(Number(seconds) * 1000);
  }
});
let stderr = '';
watch.stderr.on('data', (chunk) => (stderr += chunk));
watch.on('exit', () => {
  if (waiters.length === 0) return;
  process.stderr.write(stderr);
  process.exit(1);
});
const nextBuild = () => new Promise((resolve) => waiters.push(resolve));

const load = loadavg()[0];
const first = await nextBuild();
const times = [];
for (let i = 1; i <= rebuilds; i++) {
  const built = nextBuild();
  writeFileSync(article, original.replace(paragraph, `$1${i % 2 === 1 ? '一' : ''}`));
  times.push(await built);
}
watch.removeAllListeners('exit');
watch.kill('SIGINT');
rmSync(dir, { recursive: true, force: true });
const steady = times.slice(3).sort((a, b) => a - b);
console.log(`bulletin watch 218, ${rebuilds} one-paragraph edits (load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end)`);
console.log(`  first build ${first.toFixed(0)} ms; rebuilds after the third: median ${steady[Math.floor(steady.length / 2)].toFixed(0)} ms, min ${steady[0].toFixed(0)} ms`);
