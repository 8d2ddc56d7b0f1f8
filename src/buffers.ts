/**
 * A zero-filled buffer of `size` bytes in shared memory, which V8 leaves out of the external
 * memory it counts. V8 adds the external memory allocated since the last full collection to the
 * old generation's size when it checks the generation's limit (Heap::OldGenerationSpaceAvailable,
 * V8 11.3): a build's megabytes of font and PDF buffers brought needless full collections into
 * builds of issue 218 (≈10 ms each; with a whole font file as an ArrayBuffer, every build). It
 * is zero-filled: a large one, as a large allocUnsafe's, is usually mapped by the system a page
 * at a time as first written (glibc serves it by mmap until a freed block raises its threshold).
 */
export function uncountedBuffer(size: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(size));
}
