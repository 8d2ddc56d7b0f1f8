import { uncountedBuffer } from '../buffers.js';

/** Bytes written in chunks, collected into one buffer but for large chunks, kept as they came. */
export interface CollectedBytes {
  append(chunk: Uint8Array): void;
  /** A line, one byte a code unit (its low byte, as latin1), and a line feed; returns the bytes written. */
  appendLine(line: string): number;
  /** The bytes appended so far, in order: stretches of the buffer and the chunks kept by reference. */
  parts(): Uint8Array[];
}

/**
 * Chunks copied into one buffer as they come: pdfkit writes a PDF in thousands of chunks (an
 * object, a stream, a line each), which then die young instead of being held until the document
 * ends, promoted by every scavenge meanwhile, and joined by a second copy at the end. `reserved`
 * should hold the whole output: the system maps a large buffer's pages only when they are
 * written, so room left unused costs no memory; beyond it the buffer doubles.
 */
export function collectedBytes(reserved: number): CollectedBytes {
  let buffer = uncountedBuffer(reserved);
  let length = 0;
  /** The parts before the buffer's stretch from `start` on. */
  const before: Uint8Array[] = [];
  let start = 0;
  const room = (size: number) => {
    if (length + size <= buffer.length) return;
    const larger = uncountedBuffer(Math.max(2 * buffer.length, length + size));
    buffer.copy(larger, start, start, length);
    buffer = larger;
  };
  return {
    append(chunk) {
      if (chunk.length >= BY_REFERENCE) {
        if (start < length) before.push(buffer.subarray(start, length));
        before.push(chunk);
        start = length;
        return;
      }
      room(chunk.length);
      buffer.set(chunk, length);
      length += chunk.length;
    },
    appendLine(line) {
      room(line.length + 1);
      // Node's own latin1 writer, which Buffer#write calls after checking its arguments through a
      // wrapper that gathers them into an array: pdfkit writes thousands of lines, ≈0.45 MB of
      // such arrays in a build of issue 218 (sampled). test/collected.test.ts fails if Node drops it.
      length += (buffer as unknown as Latin1Writable).latin1Write(line, length);
      buffer[length++] = LINE_FEED;
      return line.length + 1;
    },
    parts: () => (start === length ? before.slice() : [...before, buffer.subarray(start, length)]),
  };
}

const LINE_FEED = 0x0a;

/** Buffer's undocumented latin1Write (Node 20's lib/internal/buffer.js): the string's code units' low bytes from `offset` on; returns how many. */
interface Latin1Writable {
  latin1Write(string: string, offset: number): number;
}

/**
 * A chunk this large is kept as it came, not copied: in issue 218 the deflated font programs
 * (≈0.6 MB of the 0.8 MB) were copied into fresh pages of the buffer (≈180 page faults, ≈15 µs
 * each). pdfkit does not change a chunk once written.
 */
const BY_REFERENCE = 1 << 16;
