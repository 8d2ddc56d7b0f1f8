import { renderIssue, type LoadCache } from './build.js';
import { diagnosticsOf } from './diagnostics.js';
import { nodeWorld } from './world.js';
import type { BatchJob, WorkerReply } from './batch.js';

/** On a worker thread of renderBatch: render each job posted, keeping fonts open between them, and post back the PDF or why it failed. */
export async function serveBatch(): Promise<void> {
  // Loaded here: the CLI bundle holds this module, and a single build should not load worker_threads.
  const { parentPort } = await import('node:worker_threads');
  const cache: LoadCache = { faces: new Map() };
  parentPort!.on('message', async (job: BatchJob) => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let reply: WorkerReply;
    try {
      const rendered = await renderIssue({ ...job.options, issue: job.spec }, nodeWorld(job.cwd), cache);
      reply = { ok: true, rendered, seconds: seconds() };
    } catch (error) {
      reply = { ok: false, diagnostics: diagnosticsOf(error), seconds: seconds() };
    }
    parentPort!.postMessage(reply);
  });
}
