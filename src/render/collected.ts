/** Bytes written in chunks, collected into one buffer. */
export interface CollectedBytes {
  append(chunk: Uint8Array): void;
  /** A line, one byte a code unit (its low byte, as latin1), and a line feed; returns the bytes written. */
  appendLine(line: string): number;
  /** The bytes appended so far, in one buffer (not a copy). */
  bytes(): Uint8Array;
}

/**
 * Chunks copied into one buffer as they come: pdfkit writes a PDF in thousands of chunks (an
 * object, a stream, a line each), which then die young instead of being held until the document
 * ends, promoted by every scavenge meanwhile, and joined by a second copy at the end. `reserved`
 * should hold the whole output: the system maps a large buffer's pages only when they are
 * written, so room left unused costs no memory; beyond it the buffer doubles.
 */
export function collectedBytes(reserved: number): CollectedBytes {
  let buffer = Buffer.allocUnsafeSlow(reserved);
  let length = 0;
  const room = (size: number) => {
    if (length + size <= buffer.length) return;
    const larger = Buffer.allocUnsafeSlow(Math.max(2 * buffer.length, length + size));
    buffer.copy(larger, 0, 0, length);
    buffer = larger;
  };
  return {
    append(chunk) {
      room(chunk.length);
      buffer.set(chunk, length);
      length += chunk.length;
    },
    appendLine(line) {
      room(line.length + 1);
      length += buffer.write(line, length, 'latin1');
      buffer[length++] = LINE_FEED;
      return line.length + 1;
    },
    bytes: () => buffer.subarray(0, length),
  };
}

const LINE_FEED = 0x0a;
