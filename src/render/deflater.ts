import { constants, createDeflate } from 'node:zlib';
import { uncountedBuffer } from '../buffers.js';

/**
 * Node's zlib binding (src/node_zlib.cc and lib/zlib.js of Node 20), the native side of a zlib
 * stream (its _handle), driven here without the stream: init takes the zlib parameters, an array
 * where each write leaves the room left in its output and the input left unread, and the function
 * an async write calls on the main thread when done; write and writeSync deflate (write on
 * libuv's thread pool); reset is zlib's deflateReset; onerror is called with zlib's message when
 * a write fails. test/deflater.test.ts fails when these change.
 */
interface ZlibHandle {
  init(windowBits: number, level: number, memLevel: number, strategy: number, writeState: Uint32Array, written: () => void, dictionary: undefined): void;
  write(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
  writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
  reset(): void;
  onerror: (message: string, errno: number, code: string) => void;
}

type ZlibHandleClass = new (mode: number) => ZlibHandle;

let handleClass: ZlibHandleClass | undefined;

/** Where a write leaves the room left in its output and the input it left unread. */
const [ROOM_LEFT, INPUT_LEFT] = [0, 1];

/**
 * A zlib state as pdfkit's deflateSync makes it (Node's default level, window, memory level and
 * strategy), with no stream object around it. zlib allocates and zero-fills the state (≈270 KB)
 * on the first write, not here.
 */
function deflateHandle(written: () => void, failed: (error: Error) => void): { zlib: ZlibHandle; writeState: Uint32Array } {
  // Node exposes the binding's class only as a stream's handle's: one stream, the first time.
  handleClass ??= (createDeflate({ chunkSize: constants.Z_MIN_CHUNK }) as unknown as { _handle: ZlibHandle })._handle.constructor as ZlibHandleClass;
  const zlib = new handleClass(constants.DEFLATE);
  const writeState = new Uint32Array(2);
  zlib.onerror = (message, errno, code) => failed(Object.assign(new Error(`zlib: ${message}`), { errno, code }));
  zlib.init(constants.Z_DEFAULT_WINDOWBITS, constants.Z_DEFAULT_COMPRESSION, constants.Z_DEFAULT_MEMLEVEL, constants.Z_DEFAULT_STRATEGY, writeState, written, undefined);
  return { zlib, writeState };
}

/** Output room taken at once: a page's content deflates to ≈2 KB. */
const SLAB = 1 << 16;

/**
 * Output room for stream after stream, taken from shared buffers: each stream's bytes are a view
 * into one, not overwritten by later streams'.
 */
function outputSlabs() {
  let slab: Uint8Array = new Uint8Array(0);
  let used = 0;
  return {
    /** Room enough to deflate `length` bytes with Z_FINISH in one call (more than zlib's deflateBound). */
    reserve(length: number): { output: Uint8Array; offset: number; room: number } {
      const room = length + (length >> 3) + 1024;
      if (slab.length - used < room) {
        slab = uncountedBuffer(Math.max(SLAB, room));
        used = 0;
      }
      return { output: slab, offset: used, room };
    },
    /** The stream just written into the room reserved last, as the write left writeState. */
    take(writeState: Uint32Array, room: number): Uint8Array {
      const roomLeft = writeState[ROOM_LEFT];
      if (roomLeft === 0 || writeState[INPUT_LEFT] !== 0) throw new Error('zlib did not finish a stream in one call');
      const out = slab.subarray(used, used + room - roomLeft);
      used += out.length;
      return out;
    },
  };
}

/**
 * A deflate for stream after stream, each the zlib stream pdfkit's deflateSync makes, through one
 * zlib state reset between them: deflateSync makes a stream object and a zlib state (≈270 KB) for
 * each, and for issue 218's 43 page contents that was ≈2/3 of the time deflating took. The bytes
 * returned are views into a buffer shared with later calls' output (not overwritten by them).
 */
export function reusedDeflater(): (bytes: Uint8Array) => Uint8Array {
  let error: Error | undefined;
  // A synchronous write calls onerror, if it fails, before it returns.
  const { zlib, writeState } = deflateHandle(() => {}, (e) => (error = e));
  const output = outputSlabs();
  return (bytes) => {
    const { output: out, offset, room } = output.reserve(bytes.length);
    zlib.writeSync(constants.Z_FINISH, bytes, 0, bytes.length, out, offset, room);
    try {
      if (error) throw error;
      return output.take(writeState, room);
    } finally {
      error = undefined;
      zlib.reset();
    }
  };
}

interface Waiting {
  bytes: Uint8Array;
  resolve(out: Uint8Array): void;
  reject(error: Error): void;
}

/**
 * reusedDeflater's streams deflated on libuv's thread pool, one after another through one zlib
 * state: asked for at once, they are deflated in the order asked. Each stream's output is one
 * chunk of room reserved for all of it, so that it takes one write: each further write would
 * wait for the main thread, busy drawing, to start it. Between streams the state is reset on the
 * main thread, so the next stream starts when the main thread next turns to the event loop.
 */
export function threadPoolDeflater(): (bytes: Uint8Array) => Promise<Uint8Array> {
  const waiting: Waiting[] = [];
  // The binding keeps only pointers to a write's input and output: the stream written holds its
  // input (and outputSlabs the output) until the write is done.
  let writing: (Waiting & { room: number }) | undefined;
  const output = outputSlabs();
  const settle = (error?: Error) => {
    const stream = writing!;
    writing = undefined;
    let out: Uint8Array | undefined;
    try {
      if (!error) out = output.take(writeState, stream.room);
    } catch (e) {
      error = e as Error;
    }
    zlib.reset();
    if (error) stream.reject(error);
    else stream.resolve(out!);
    next();
  };
  const { zlib, writeState } = deflateHandle(() => settle(), settle);
  const next = () => {
    while (!writing && waiting.length > 0) {
      const stream = waiting.shift()!;
      // Node's binding aborts the process on input that is not bytes; a length not in bytes
      // (a DataView, a wider typed array) would reserve the wrong room.
      if (!(stream.bytes instanceof Uint8Array)) {
        stream.reject(new TypeError('only bytes can be deflated'));
        continue;
      }
      const { bytes } = stream;
      try {
        const { output: out, offset, room } = output.reserve(bytes.length);
        writing = { ...stream, room };
        zlib.write(constants.Z_FINISH, bytes, 0, bytes.length, out, offset, room);
      } catch (error) {
        // Run from the binding's callback (settle), a throw would escape as uncaught, the stream unsettled.
        writing = undefined;
        stream.reject(error as Error);
      }
    }
  };
  return (bytes) =>
    new Promise((resolve, reject) => {
      waiting.push({ bytes, resolve, reject });
      next();
    });
}
