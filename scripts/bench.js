#!/usr/bin/env node
// Benchmark: cold `bulletin build <issue>` in a fresh process each run, alternating with
// `node -e 0` so that both see the same machine load. Prints the median wall times, their ratio
// (the figure to compare across machines), the peak resident memory and the PDF size.
// Usage: npm run bench [-- <issue> <runs> [--against <checkout>]]
//   --against: also time another built checkout of bulletin (the code before a change) in the
//   same alternation, for a before/after under the same load.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const against = args.includes('--against') ? args.splice(args.indexOf('--against'), 2)[1] : undefined;
const issue = args[0] ?? '218';
const runs = Math.max(Number(args[1] ?? 9), 1);
const dir = mkdtempSync(join(tmpdir(), 'bulletin-bench-'));
const output = join(dir, 'bench.pdf');
// A second run of each command reports, as it exits, its peak RSS and the CPU time of all its
// threads (user + system; CPU time drifts less than wall time when the machine is shared). Not
// the timed run: the reporting hook costs every process ≈13 ms of start-up (Node's ES module
// loader), which would shrink the wall-time ratio (a true 3.5 would read ≈3.3).
const reportPeak = 'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`peak-rss-kib ${u.maxRSS} cpu-us ${u.userCPUTime+u.systemCPUTime}\\n`)})';

/** Wall time in ms of one fresh process, then CPU time in ms and peak RSS in MiB of another. */
function timed(args, cwd = root, env = process.env) {
  const started = process.hrtime.bigint();
  run(args, cwd, env);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const [, kib, cpuUs] = /peak-rss-kib (\d+) cpu-us (\d+)/.exec(run(['--import', reportPeak, ...args], cwd, env)) ?? [];
  return { ms, cpuMs: Number(cpuUs ?? 0) / 1000, mib: Number(kib ?? 0) / 1024 };
}

/** Run node with `args`; its standard error, or exit when it fails. */
function run(args, cwd, env) {
  const child = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8' });
  if (child.status !== 0) {
    process.stderr.write(child.stderr);
    process.exit(1);
  }
  return child.stderr;
}

/** `runs` rounds of node -e 0, this checkout's build and, if given, the other checkout's, in turn, under `env`. */
function alternate(env, withAgainst) {
  const rounds = { node: [], build: [], before: [] };
  for (let i = 0; i < runs; i++) {
    rounds.node.push(timed(['-e', '0'], root, env));
    rounds.build.push(timed([join(root, 'bin', 'bulletin.js'), 'build', issue, '-o', output], root, env));
    if (withAgainst) rounds.before.push(timed([join(against, 'bin', 'bulletin.js'), 'build', issue, '-o', join(dir, 'against.pdf')], against, env));
  }
  return rounds;
}

const load = loadavg()[0];
const { node, build, before } = alternate(process.env, against !== undefined);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (ms) => (ms / 1000).toFixed(3);
const size = statSync(output).size;
const [buildMs, nodeMs] = [median(build.map((r) => r.ms)), median(node.map((r) => r.ms))];
const ratios = build.map((r, i) => r.ms / node[i].ms);
const peaks = build.map((r) => r.mib);
console.log(`bulletin build ${issue} against node -e 0: ${runs} alternating cold runs (load average ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end)`);
console.log(`  build      median ${seconds(buildMs)} s  (min ${seconds(Math.min(...build.map((r) => r.ms)))}, max ${seconds(Math.max(...build.map((r) => r.ms)))})`);
console.log(`  node -e 0  median ${seconds(nodeMs)} s  (min ${seconds(Math.min(...node.map((r) => r.ms)))}, max ${seconds(Math.max(...node.map((r) => r.ms)))})`);
console.log(`  ratio      ${(buildMs / nodeMs).toFixed(2)} (of the medians; median of the run pairs ${median(ratios).toFixed(2)})`);
const [buildCpu, nodeCpu] = [median(build.map((r) => r.cpuMs)), median(node.map((r) => r.cpuMs))];
console.log(`  CPU time   median ${seconds(buildCpu)} s against ${seconds(nodeCpu)} s, ratio ${(buildCpu / nodeCpu).toFixed(2)} (user + system, all threads)`);
console.log(`  peak RSS   median ${median(peaks).toFixed(1)} MiB  (max ${Math.max(...peaks).toFixed(1)}; node -e 0 ${median(node.map((r) => r.mib)).toFixed(1)})`);
console.log(`  PDF size   ${(size / 1024).toFixed(1)} KiB`);
if (against) {
  const ms = median(before.map((r) => r.ms));
  console.log(`${against}, in the same alternation:`);
  const cpu = median(before.map((r) => r.cpuMs));
  console.log(`  build      median ${seconds(ms)} s, ratio ${(ms / nodeMs).toFixed(2)}; CPU ${seconds(cpu)} s, ratio ${(cpu / nodeCpu).toFixed(2)}; peak RSS median ${median(before.map((r) => r.mib)).toFixed(1)} MiB`);
}
// Every Node process reads the certificates NODE_EXTRA_CA_CERTS names as it starts (on the machine
// this was measured on, 219 KB and ≈30 ms of node -e 0's ≈105 ms): the yardstick is then partly
// that file. The same alternation without it, so that both figures are on record.
if (process.env.NODE_EXTRA_CA_CERTS) {
  const { NODE_EXTRA_CA_CERTS, ...env } = process.env;
  const bare = alternate(env, false);
  const [b, n] = [median(bare.build.map((r) => r.ms)), median(bare.node.map((r) => r.ms))];
  console.log(`without NODE_EXTRA_CA_CERTS (${NODE_EXTRA_CA_CERTS}), which every Node start-up above read:`);
  console.log(`  build ${seconds(b)} s, node -e 0 ${seconds(n)} s, ratio ${(b / n).toFixed(2)} (medians of ${runs} alternating runs)`);
}
rmSync(dir, { recursive: true, force: true });
