import { systemCalls, writeMessage, type WriteCalls } from '../src/world.js';

/** Write calls that answer with `results` in turn (a number written, or an error code thrown), recording what each was asked to write. */
function scripted(results: (number | string)[]): WriteCalls & { asked: string[] } {
  const asked: string[] = [];
  return {
    ...systemCalls,
    asked,
    writeSync: (_fd, bytes, offset, length) => {
      asked.push(Buffer.from(bytes.subarray(offset, offset + length)).toString());
      const result = results.shift()!;
      if (typeof result === 'string') throw Object.assign(new Error(result), { code: result });
      return result;
    },
  };
}

test('a message is written whole: a short write goes on, a full non-blocking pipe (EAGAIN) is waited out', () => {
  const calls = scripted([3, 'EAGAIN', 100]);
  writeMessage(1, 'wrote out/218.pdf\n', calls);
  expect(calls.asked).toEqual(['wrote out/218.pdf\n', 'te out/218.pdf\n', 'te out/218.pdf\n']);
});

test('a message whose reader has gone (EPIPE) goes nowhere, quietly; another failure is thrown', () => {
  expect(() => writeMessage(2, 'a line\n', scripted(['EPIPE']))).not.toThrow();
  expect(() => writeMessage(2, 'a line\n', scripted(['EIO']))).toThrow('EIO');
});
