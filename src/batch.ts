import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { BuildOptions, BuildResult } from './build.js';
import type { Diagnostic } from './diagnostics.js';

export interface BatchJob {
  spec: string;
  options: Omit<BuildOptions, 'issue'>;
  cwd: string;
}

export type BatchOutcome = { spec: string; ok: true; result: BuildResult; seconds: number } | { spec: string; ok: false; diagnostics: Diagnostic[]; seconds: number };

/**
 * Build several issues on worker threads, one worker a core at most. A worker keeps its fonts
 * open between issues; one issue's failure is that outcome, not the batch's.
 */
export async function buildBatch(jobs: readonly BatchJob[], workers = availableParallelism(), onDone?: (outcome: BatchOutcome) => void): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array(jobs.length);
  let next = 0;
  const count = Math.max(1, Math.min(workers, jobs.length));
  await Promise.all(
    Array.from({ length: count }, async () => {
      const worker = new Worker(new URL('./batch-worker.js', import.meta.url));
      try {
        while (next < jobs.length) {
          const index = next++;
          const outcome = await new Promise<BatchOutcome>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(jobs[index]);
          });
          worker.removeAllListeners('error');
          outcomes[index] = outcome;
          onDone?.(outcome);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return outcomes;
}
