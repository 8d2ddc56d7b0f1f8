import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { reusedDeflater } from '../src/render/deflater.js';

// src/render/deflater.ts drives Node's zlib handle as deflateSync does, through one zlib state
// reset between streams: each stream's bytes must be deflateSync's, whatever came before it.
test('a reused deflater makes the bytes of deflateSync, stream after stream', () => {
  const deflate = reusedDeflater();
  const page = Buffer.from('q\n1 0 0 -1 0 841.89 cm\nBT\n1 0 0 1 56.7 100 Tm\n/F1 10.5 Tf\n[<0001000200030004> 0] TJ\nET\nQ\n'.repeat(80), 'latin1');
  const inputs = [page, Buffer.from('x'), randomBytes(100_000), page.subarray(0, 5000), randomBytes(3000), page];
  const outputs = inputs.map((bytes) => deflate(bytes));
  // Views into shared buffers: each is still its own stream after the later ones were made.
  outputs.forEach((out, i) => expect(Buffer.from(out).equals(deflateSync(inputs[i]))).toBe(true));
});
