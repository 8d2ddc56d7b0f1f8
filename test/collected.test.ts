import { collectedBytes } from '../src/render/collected.js';

const joined = (parts: Uint8Array[]) => [...Buffer.concat(parts)];

test('chunks are collected in order into one buffer, which grows past the room reserved', () => {
  const collected = collectedBytes(4);
  expect(collected.parts()).toEqual([]);
  collected.append(Uint8Array.of(1, 2, 3));
  collected.append(Uint8Array.of(4, 5));
  collected.append(Uint8Array.of());
  collected.append(Uint8Array.of(6, 7, 8, 9, 10, 11, 12));
  expect(collected.parts()).toHaveLength(1);
  expect(joined(collected.parts())).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test('the bytes collected are the buffer itself, not a copy', () => {
  const collected = collectedBytes(8);
  collected.append(Uint8Array.of(1, 2));
  const [bytes] = collected.parts();
  collected.append(Uint8Array.of(3));
  expect(bytes.buffer).toBe(collected.parts()[0].buffer);
  expect(collected.parts()[0].length).toBe(3);
});

test('a chunk of 64 KB or more is kept as it came, between the stretches of the buffer around it', () => {
  const collected = collectedBytes(4);
  const large = new Uint8Array(1 << 16).fill(9);
  collected.append(Uint8Array.of(1, 2));
  collected.append(large);
  collected.append(large);
  collected.append(Uint8Array.of(3, 4, 5));
  const parts = collected.parts();
  expect(parts.map((part) => part.length)).toEqual([2, 1 << 16, 1 << 16, 3]);
  expect(parts[1]).toBe(large);
  expect(joined(parts)).toEqual([1, 2, ...large, ...large, 3, 4, 5]);
});

test('a line is written a byte a code unit (its low byte, as latin1), then a line feed', () => {
  const collected = collectedBytes(2);
  expect(collected.appendLine('a\u00e9\u0141')).toBe(4);
  collected.append(Uint8Array.of(1));
  expect(joined(collected.parts())).toEqual([0x61, 0xe9, 0x41, 0x0a, 1]);
});

test("Node's Buffer#latin1Write, which appendLine and the pdfkit patch's concatChunks call, writes a string's low bytes at an offset and returns how many", () => {
  const bytes = Buffer.alloc(5);
  expect((bytes as unknown as { latin1Write(string: string, offset: number): number }).latin1Write('a\u00e9\u0141', 1)).toBe(3);
  expect([...bytes]).toEqual([0, 0x61, 0xe9, 0x41, 0]);
});
