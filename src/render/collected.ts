/** Bytes written in chunks, collected into one buffer. */
export interface CollectedBytes {
  append(chunk: Uint8Array): void;
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
  return {
    append(chunk) {
      if (length + chunk.length > buffer.length) {
        const larger = Buffer.allocUnsafeSlow(Math.max(2 * buffer.length, length + chunk.length));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      buffer.set(chunk, length);
      length += chunk.length;
    },
    bytes: () => buffer.subarray(0, length),
  };
}
