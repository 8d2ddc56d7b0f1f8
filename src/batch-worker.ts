// A worker thread's entry when bulletin runs from dist/src (tests); from the bundle, bin/worker.js starts the same.
import { serveBatch } from './batch-serve.js';

await serveBatch();
