import { collectedBytes } from '../src/render/collected.js';

test('chunks are collected in order into one buffer, which grows past the room reserved', () => {
  const collected = collectedBytes(4);
  expect([...collected.bytes()]).toEqual([]);
  collected.append(Uint8Array.of(1, 2, 3));
  collected.append(Uint8Array.of(4, 5));
  collected.append(Uint8Array.of());
  collected.append(Uint8Array.of(6, 7, 8, 9, 10, 11, 12));
  expect([...collected.bytes()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test('the bytes collected are the buffer itself, not a copy', () => {
  const collected = collectedBytes(8);
  collected.append(Uint8Array.of(1, 2));
  const bytes = collected.bytes();
  collected.append(Uint8Array.of(3));
  expect(bytes.buffer).toBe(collected.bytes().buffer);
  expect(collected.bytes().length).toBe(3);
});

test('a line is written a byte a code unit (its low byte, as latin1), then a line feed', () => {
  const collected = collectedBytes(2);
  expect(collected.appendLine('a\u00e9\u0141')).toBe(4);
  collected.append(Uint8Array.of(1));
  expect([...collected.bytes()]).toEqual([0x61, 0xe9, 0x41, 0x0a, 1]);
});
