import { constants, createDeflate } from 'node:zlib';

/**
 * The native side of a Node zlib stream (lib/zlib.js of Node 20, as deflateSync drives it): a
 * synchronous write, whose room left in the output and input left unread land in the stream's
 * write state, and a reset to the state the stream was made in (zlib's deflateReset).
 * test/deflater.test.ts fails when these change.
 */
interface ZlibStream {
  _handle: {
    writeSync(flush: number, input: Uint8Array, inOffset: number, inLength: number, output: Uint8Array, outOffset: number, outLength: number): void;
    reset(): void;
  };
  _writeState: Uint32Array;
}

/** Output room taken at once: a page's content deflates to ≈2 KB. */
const SLAB = 1 << 16;

/**
 * A deflate for stream after stream, each the zlib stream pdfkit's deflateSync makes (Node's
 * default level, window, memory level and strategy), through one zlib state reset between them:
 * deflateSync makes a stream object and a zlib state (≈270 KB) for each, and for issue 218's 43
 * page contents that was ≈2/3 of the time deflating took. The bytes returned are views into a
 * buffer shared with later calls' output (not overwritten by them).
 */
export function reusedDeflater(): (bytes: Uint8Array) => Uint8Array {
  // The smallest chunk: the stream's own output buffer goes unused.
  const stream = createDeflate({ chunkSize: constants.Z_MIN_CHUNK }) as unknown as ZlibStream;
  const zlib = stream._handle;
  const [ROOM_LEFT, INPUT_LEFT] = [0, 1];
  let slab = new Uint8Array(0);
  let used = 0;
  return (bytes) => {
    // More than zlib's deflateBound, so that Z_FINISH ends the stream in one call.
    const room = bytes.length + (bytes.length >> 3) + 1024;
    if (slab.length - used < room) {
      slab = Buffer.allocUnsafe(Math.max(SLAB, room));
      used = 0;
    }
    zlib.writeSync(constants.Z_FINISH, bytes, 0, bytes.length, slab, used, room);
    const roomLeft = stream._writeState[ROOM_LEFT];
    if (roomLeft === 0 || stream._writeState[INPUT_LEFT] !== 0) throw new Error('zlib did not finish a stream in one call');
    zlib.reset();
    const out = slab.subarray(used, used + room - roomLeft);
    used += out.length;
    return out;
  };
}
