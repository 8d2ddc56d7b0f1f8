import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { reusedDeflater, threadPoolDeflater } from '../src/render/deflater.js';

// src/render/deflater.ts drives Node's zlib binding as deflateSync and the zlib streams do, through
// one zlib state reset between streams: each stream's bytes must be deflateSync's, whatever came
// before it.
const page = Buffer.from('q\n1 0 0 -1 0 841.89 cm\nBT\n1 0 0 1 56.7 100 Tm\n/F1 10.5 Tf\n[<0001000200030004> 0] TJ\nET\nQ\n'.repeat(80), 'latin1');
const inputs = [page, Buffer.from('x'), randomBytes(100_000), page.subarray(0, 5000), new Uint8Array(0), randomBytes(3000), page];

test('a reused deflater makes the bytes of deflateSync, stream after stream', () => {
  const deflate = reusedDeflater();
  const outputs = inputs.map((bytes) => deflate(bytes));
  // Views into shared buffers: each is still its own stream after the later ones were made.
  outputs.forEach((out, i) => expect(Buffer.from(out).equals(deflateSync(inputs[i]))).toBe(true));
});

test('a thread-pool deflater makes the bytes of deflateSync for streams asked at once, and for streams asked after', async () => {
  const deflate = threadPoolDeflater();
  const outputs = await Promise.all(inputs.map((bytes) => deflate(bytes)));
  outputs.forEach((out, i) => expect(Buffer.from(out).equals(deflateSync(inputs[i]))).toBe(true));
  for (const bytes of inputs) expect(Buffer.from(await deflate(bytes)).equals(deflateSync(bytes))).toBe(true);
});

test('a thread-pool deflater refuses a stream that is not bytes, and deflates the streams around it', async () => {
  const deflate = threadPoolDeflater();
  const [before, refused, view, after] = [deflate(page), deflate('text' as unknown as Uint8Array), deflate(new DataView(page.buffer) as unknown as Uint8Array), deflate(inputs[2])];
  await expect(refused).rejects.toThrow('only bytes can be deflated');
  // regression: a DataView, whose length is not its bytes', was taken for bytes
  await expect(view).rejects.toThrow('only bytes can be deflated');
  expect(Buffer.from(await before).equals(deflateSync(page))).toBe(true);
  expect(Buffer.from(await after).equals(deflateSync(inputs[2]))).toBe(true);
});
