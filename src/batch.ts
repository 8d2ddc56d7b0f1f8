import type { Worker } from 'node:worker_threads';
import type { BuildOptions, Rendered } from './build.js';
import { diagnosticsOf, type Diagnostic } from './diagnostics.js';
import { Interrupted } from './interrupt.js';
import type { Signal, World } from './world.js';

/** Bundled (dist/bundle/cli.cjs), a worker loads the bundle through bin/worker.js and its code cache; compiled (dist/src), this module's neighbour. */
const WORKER_ENTRY = new URL(import.meta.url.endsWith('.cjs') ? '../../bin/worker.js' : './batch-worker.js', import.meta.url);

export interface BatchJob {
  spec: string;
  options: Omit<BuildOptions, 'issue'>;
  cwd: string;
}

/** What a worker sends back: the rendered PDF (written by the main thread) or why it failed. */
export type WorkerReply = { ok: true; rendered: Rendered; seconds: number } | { ok: false; diagnostics: Diagnostic[]; seconds: number };

/**
 * Render several issues on worker threads, at most `workers` at once; `onRendered` runs on the
 * main thread for each, in completion order (it writes the file, so an interrupted run leaves
 * no temporary file in a worker's hands). A worker keeps its fonts open between issues; one
 * that crashes fails its issue, and a fresh worker takes the next. SIGINT or SIGTERM stops
 * every worker at once and throws Interrupted; what was written before stays.
 */
export async function renderBatch(jobs: readonly BatchJob[], workers: number, world: World, onReply: (job: BatchJob, reply: WorkerReply) => void): Promise<void> {
  // Loaded here, not with the module: a single build should not pay for worker_threads (≈4 ms).
  const { Worker } = await import('node:worker_threads');
  let next = 0;
  let stopped: Signal | undefined = world.signal();
  const running = new Set<Worker>();
  const stopListening = world.onSignal((signal) => {
    stopped ??= signal;
    for (const worker of running) void worker.terminate();
  });
  const lane = async () => {
    let worker: Worker | undefined;
    while (next < jobs.length && !stopped) {
      const job = jobs[next++];
      worker ??= new Worker(WORKER_ENTRY);
      const current = worker;
      running.add(current);
      const started = performance.now();
      const reply = await new Promise<WorkerReply>((resolve) => {
        const crashed = (why: string) => {
          worker = undefined;
          resolve({ ok: false, seconds: (performance.now() - started) / 1000, diagnostics: diagnosticsOf(new Error(`the worker building ${job.spec} ${why}`)) });
        };
        const onError = (error: Error) => crashed(`failed: ${error.message}`);
        const onExit = (code: number) => crashed(`stopped with code ${code}`);
        current.once('message', (message: WorkerReply) => {
          current.off('error', onError).off('exit', onExit);
          resolve(message);
        });
        current.once('error', onError).once('exit', onExit);
        current.postMessage(job);
      });
      if (!worker) {
        running.delete(current);
        await current.terminate();
      }
      if (!stopped) onReply(job, reply);
    }
    await worker?.terminate();
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, lane));
  } finally {
    stopListening();
  }
  if (stopped) throw new Interrupted(stopped);
}
