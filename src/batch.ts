import { Worker } from 'node:worker_threads';
import type { BuildOptions, Rendered } from './build.js';
import type { Diagnostic } from './diagnostics.js';

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
 * that crashes fails its issue, and a fresh worker takes the next.
 */
export async function renderBatch(jobs: readonly BatchJob[], workers: number, onReply: (job: BatchJob, reply: WorkerReply) => void): Promise<void> {
  let next = 0;
  const lane = async () => {
    let worker: Worker | undefined;
    while (next < jobs.length) {
      const job = jobs[next++];
      worker ??= new Worker(new URL(import.meta.url.endsWith('.mjs') ? './batch-worker.mjs' : './batch-worker.js', import.meta.url));
      const current = worker;
      const started = performance.now();
      const reply = await new Promise<WorkerReply>((resolve) => {
        const crashed = (why: string) => {
          worker = undefined;
          resolve({ ok: false, seconds: (performance.now() - started) / 1000, diagnostics: [{ severity: 'error', message: `internal error: the worker building ${job.spec} ${why}` }] });
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
      if (!worker) await current.terminate();
      onReply(job, reply);
    }
    await worker?.terminate();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, lane));
}
