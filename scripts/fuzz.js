#!/usr/bin/env node
// Long fuzz run (issue 4, "Robust under random input"): the properties of test/fuzz.test.ts,
// compiled to dist/ (run `npm run build` first), for many more cases.
//
//   node scripts/fuzz.js [numRuns=10000] [seed]
//
// numRuns random articles go through parse → layout with fonts opened once (every 100th
// successful layout is also rendered to a PDF); numRuns/5 random manifests through
// loadIssue → layout; numRuns/500 random issues through the real command line. Each must build
// or fail with a BulletinError, keep every character in order and inside the page, and take
// less than 5 s. A failure prints fast-check's shrunk counterexample and exits 1. The cases
// run in a worker thread: if one takes longer than --hang seconds (default 60), the run stops
// and prints that case's input (a hang cannot be shrunk) and exits 1.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

const HANG_SECONDS = Number(process.env.FUZZ_HANG_SECONDS ?? 60);
const RENDER_EVERY = 100;

if (isMainThread) {
  const numRuns = Number(process.argv[2] ?? 10000);
  const seed = process.argv[3] !== undefined ? Number(process.argv[3]) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  if (!Number.isInteger(numRuns) || numRuns < 1 || !Number.isInteger(seed)) {
    console.error('usage: node scripts/fuzz.js [numRuns=10000] [seed]');
    process.exit(2);
  }
  const plan = [
    { name: 'article', runs: numRuns },
    { name: 'issue', runs: Math.ceil(numRuns / 5) },
    { name: 'cli', runs: Math.ceil(numRuns / 500) },
  ];
  console.log(`fuzz: seed ${seed}; ${plan.map((p) => `${p.runs} ${p.name} cases`).join(', ')} (reproduce: node scripts/fuzz.js ${numRuns} ${seed})`);
  const started = Date.now();
  const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { plan, seed } });
  let last = { property: '', input: '', at: Date.now() };
  let finished = false;
  const watchdog = setInterval(() => {
    if (Date.now() - last.at < HANG_SECONDS * 1000) return;
    console.error(`\nFAILED: a ${last.property} case has run for more than ${HANG_SECONDS} s (a hang). Its input:\n${last.input}`);
    console.error(`seed ${seed}`);
    finished = true;
    void worker.terminate();
    process.exit(1);
  }, 1000);
  worker.on('message', (m) => {
    if (m.type === 'case') last = { property: m.property, input: m.input, at: Date.now() };
    else if (m.type === 'progress') console.log(`  ${m.property}: ${m.done}/${m.runs} cases, ${m.ok} built, slowest ${m.slowest.toFixed(0)} ms, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    else if (m.type === 'result') {
      finished = true;
      clearInterval(watchdog);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const total = m.counts.reduce((n, c) => n + c.cases, 0);
      for (const c of m.counts) console.log(`  ${c.property}: ${c.cases} cases, ${c.ok} built${c.rendered ? `, ${c.rendered} rendered` : ''}, slowest ${c.slowest.toFixed(0)} ms`);
      if (m.failure) {
        console.error(`\nFAILED (${m.failure.property}) after ${total} cases, ${seconds} s, seed ${seed}:\n${m.failure.report}`);
        process.exit(1);
      }
      console.log(`fuzz: PASSED ${total} cases in ${seconds} s, seed ${seed}`);
      process.exit(0);
    }
  });
  worker.on('error', (error) => {
    console.error(`\nFAILED: the worker crashed: ${error.stack ?? error}\nlast ${last.property} case:\n${last.input}\nseed ${seed}`);
    process.exit(1);
  });
  worker.on('exit', (code) => {
    if (!finished) {
      console.error(`\nFAILED: the worker exited (${code}) during a ${last.property} case:\n${last.input}\nseed ${seed}`);
      process.exit(1);
    }
  });
} else {
  const fc = (await import('fast-check')).default;
  const fuzz = await import('../dist/test/fuzz.test.js');
  const { plan, seed } = workerData;
  const h = fuzz.makeHarness();
  const counts = [];
  let failure;

  const properties = {
    article: (stats) =>
      fc.asyncProperty(fuzz.arbArticle, async (gen) => {
        announce('article', gen.source, stats);
        const outcome = fuzz.checkArticle(h, gen);
        track(stats, outcome);
        if (outcome.doc && stats.ok % RENDER_EVERY === 1) {
          await fuzz.checkRender(h, outcome.doc);
          stats.rendered++;
        }
      }),
    issue: (stats) =>
      fc.property(fuzz.arbIssue, (gen) => {
        announce('issue', describeIssue(gen), stats);
        track(stats, fuzz.checkIssue(h, gen));
      }),
    cli: (stats) =>
      fc.asyncProperty(fuzz.arbIssue, fuzz.arbArgs, async (gen, args) => {
        announce('cli', `args: ${JSON.stringify(args)}\n${describeIssue(gen)}`, stats);
        track(stats, await fuzz.checkCli(gen, args));
      }),
  };

  for (const [k, { name, runs }] of plan.entries()) {
    const stats = { property: name, runs, cases: 0, ok: 0, rendered: 0, slowest: 0 };
    const details = await fc.check(properties[name](stats), { numRuns: runs, seed: seed + k });
    counts.push({ property: name, cases: stats.cases, ok: stats.ok, rendered: stats.rendered, slowest: stats.slowest });
    if (details.failed) {
      const error = details.errorInstance;
      const cause = error instanceof Error ? (error.stack ?? error.message) : String(error);
      failure = { property: name, report: `${fc.defaultReportMessage(details)}\n\nCause:\n${cause}` };
      break;
    }
  }
  h.cleanup();
  parentPort.postMessage({ type: 'result', counts, failure });

  function announce(property, input, stats) {
    stats.cases++;
    parentPort.postMessage({ type: 'case', property, input });
    if (stats.cases % 500 === 0 && stats.cases <= stats.runs) parentPort.postMessage({ type: 'progress', property, done: stats.cases, runs: stats.runs, ok: stats.ok, slowest: stats.slowest });
  }
  function track(stats, outcome) {
    if (outcome.ok) stats.ok++;
    stats.slowest = Math.max(stats.slowest, outcome.ms);
  }
  function describeIssue(gen) {
    return `spec: ${JSON.stringify(gen.spec)}, crlf: ${gen.crlf}\n--- issue.yaml ---\n${gen.manifest}--- b.md ---\n${gen.article.source}`;
  }
}
