import { parentPort } from 'node:worker_threads';
import { buildIssue, type LoadCache } from './build.js';
import { fromError, type Diagnostic } from './diagnostics.js';
import { BulletinError } from './errors.js';
import { nodeWorld } from './world.js';
import type { BatchJob, BatchOutcome } from './batch.js';

const cache: LoadCache = { faces: new Map() };

parentPort!.on('message', async (job: BatchJob) => {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  let outcome: BatchOutcome;
  try {
    const result = await buildIssue({ ...job.options, issue: job.spec }, nodeWorld(job.cwd), cache);
    outcome = { spec: job.spec, ok: true, result, seconds: seconds() };
  } catch (error) {
    const diagnostic: Diagnostic = error instanceof BulletinError ? fromError(error) : { severity: 'error', message: `internal error: ${(error as Error)?.message ?? String(error)}` };
    outcome = { spec: job.spec, ok: false, diagnostics: [diagnostic], seconds: seconds() };
  }
  parentPort!.postMessage(outcome);
});
