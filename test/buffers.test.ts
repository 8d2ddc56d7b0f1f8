import { uncountedBuffer } from '../src/buffers.js';

// V8 adds external memory to the old generation's size against its limit: a build's buffers
// counted there brought full collections (src/buffers.ts). Fails if Node starts counting shared memory.
test('an uncounted buffer adds nothing to the external memory V8 counts, where an ordinary one adds its size', () => {
  const size = 8 << 20;
  const external = () => process.memoryUsage().external;
  const before = external();
  const uncounted = uncountedBuffer(size);
  const afterUncounted = external();
  const counted = Buffer.allocUnsafeSlow(size);
  const afterCounted = external();
  expect(afterUncounted - before).toBeLessThan(size / 8);
  expect(afterCounted - afterUncounted).toBeGreaterThanOrEqual(size);
  expect([uncounted.length, uncounted[0], uncounted[size - 1], counted.length]).toEqual([size, 0, 0, size]);
});
