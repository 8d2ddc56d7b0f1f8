import type { Signal, World } from './world.js';

/** A build stopped by SIGINT or SIGTERM; cli.ts exits with 128 + the signal's number. */
export class Interrupted extends Error {
  constructor(readonly signal: Signal) {
    super(`interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

/**
 * Stop here if a signal came. A JavaScript signal handler cannot run while synchronous work
 * holds the thread, so the build yields to the event loop first: without that the flag would
 * read false until the build was over.
 */
export async function checkpoint(world: World): Promise<void> {
  await new Promise(setImmediate);
  const signal = world.signal();
  if (signal) throw new Interrupted(signal);
}
