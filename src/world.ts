import { closeSync, constants, existsSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, readvSync, realpathSync, renameSync, rmSync, statSync, watch, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one door to the outside world: files, environment, clock, signals. The build gets it passed in. */
export interface World {
  cwd: string;
  /** Where bulletin itself is installed: its templates/ and fonts/ are found there. */
  packageRoot: string;
  env(name: string): string | undefined;
  /** What stands at `path`, following links; `fifo` and `device` are character devices and named pipes. */
  kind(path: string): FileKind;
  readFile(path: string): Uint8Array;
  /** The first `count` bytes of a regular file (fewer if it is shorter). */
  readHead(path: string, count: number): Uint8Array;
  /** Open a file to read parts of it: a build needs about 2 MB of its 47 MB of font files. */
  openRanged(path: string): RangedFile;
  realpath(path: string): string;
  listDir(path: string): string[];
  /** Write durably through a temporary file beside `path`, renamed into place only when complete (see writeDurably). */
  writeFileAtomic(path: string, bytes: Bytes): void;
  /** Write into an existing character device or named pipe (/dev/null, a FIFO), never replacing it. */
  writeToDevice(path: string, bytes: Bytes): void;
  writeStdout(bytes: Bytes): void;
  /** Whether `path` is this process's standard output (/dev/stdout, /proc/self/fd/1, the file it is redirected to). */
  isStandardOutput(path: string): boolean;
  /** The first SIGINT or SIGTERM received, once catchSignals() is on. */
  signal(): Signal | undefined;
  /** Call `onSignal` when SIGINT or SIGTERM arrives; returns a function that stops listening. */
  onSignal(onSignal: (signal: Signal) => void): () => void;
  /** The clock, for what is dated today (a new issue); never used for a PDF's bytes. */
  now(): Date;
  /** Call `onChange` with the changed path when anything in these folders changes; returns a stop function. */
  watch(folders: readonly string[], onChange: (path: string) => void): () => void;
}

/** Bytes to write: one buffer, or parts written one after the other (a PDF's font programs kept where they were made, not copied). */
export type Bytes = Uint8Array | readonly Uint8Array[];

/** A file open for reads at any position; it stays open as long as it is referenced. */
export interface RangedFile {
  readonly size: number;
  /**
   * Fill `parts`, one after the other, with the file's bytes from `position` on, in as few system
   * calls as the system allows (scattered reads: a part between two wanted ones takes the bytes not wanted).
   */
  read(position: number, parts: readonly Uint8Array[]): void;
}

/** bulletin's own folder (templates/, fonts/): the nearest package.json above this module, compiled or bundled. */
export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

export type FileKind = 'file' | 'dir' | 'missing' | 'fifo' | 'device' | 'other';
export type Signal = 'SIGINT' | 'SIGTERM';

const closeWhenCollected = new FinalizationRegistry<number>((fd) => closeSync(fd));

/** The system calls a durable write makes; a test passes its own to make a write come up short. */
export interface WriteCalls {
  writeSync(fd: number, bytes: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  /** The part of a temporary file's name that no other write, in this process or another, uses at the same time. */
  temporarySuffix(): string;
}

export const systemCalls: WriteCalls = { writeSync: (fd, bytes, offset, length) => writeSync(fd, bytes, offset, length), fsyncSync, temporarySuffix };

let suffixesMade = 0;

/**
 * 16 hex digits: the process id, then the monotonic clock's nanoseconds plus a count of the
 * suffixes made (two calls within one tick still differ), as write-file-atomic names its
 * temporary files. Unique among writes running at once, which is what the name is for (build
 * --all's workers share the process id, but refuse two issues writing one PDF): safety against a
 * planted file or link is the exclusive, no-follow open (openExclusive), not secrecy. Not
 * node:crypto's random bytes: loading crypto was ≈4 ms of every start-up (issue 9).
 */
export function temporarySuffix(): string {
  const ticks = (process.hrtime.bigint() + BigInt(suffixesMade++)) % SUFFIX_TICKS;
  return (process.pid % 0x100_0000).toString(16).padStart(6, '0') + ticks.toString(16).padStart(10, '0');
}

/** The clock's part of a suffix wraps every 2^40 ns, ≈18 minutes, far longer than one write. */
const SUFFIX_TICKS = 1n << 40n;

export function nodeWorld(cwd = process.cwd(), calls: WriteCalls = systemCalls): World {
  return {
    cwd,
    packageRoot: PACKAGE_ROOT,
    env: (name) => process.env[name],
    kind,
    readFile: (path) => readFileSync(path),
    readHead(path, count) {
      const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const head = Buffer.alloc(count);
        return head.subarray(0, readSync(fd, head, 0, count, 0));
      } finally {
        closeSync(fd);
      }
    },
    openRanged(path) {
      const fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      const file: RangedFile = {
        size,
        read(position, parts) {
          // preadv(2) takes at most IOV_MAX parts and may read less than asked: go on from where it stopped.
          let rest = parts.filter((part) => part.length > 0);
          for (let at = position; rest.length > 0; ) {
            let n = readvSync(fd, rest, at);
            if (n === 0) throw new Error(`unexpected end of file at byte ${at} of ${path}`);
            at += n;
            let done = 0;
            while (done < rest.length && n >= rest[done].length) n -= rest[done++].length;
            rest = n > 0 ? [rest[done].subarray(n), ...rest.slice(done + 1)] : rest.slice(done);
          }
        },
      };
      // The faces reading it may live as long as the process (watch and --all keep them open);
      // the descriptor is closed when the last of them is collected.
      closeWhenCollected.register(file, fd);
      return file;
    },
    // The system's realpath(3), one call, where Node's JavaScript one lstats every component of the
    // path: 0.24 against 0.95 ms for a build's dozen calls (articles, and the output among the inputs).
    realpath: (path) => realpathSync.native(path),
    listDir: (path) => readdirSync(path).sort(),
    now: () => new Date(),
    watch(folders, onChange) {
      const watchers = folders.map((folder) => watch(folder, (_event, name) => onChange(join(folder, String(name ?? '')))));
      return () => watchers.forEach((w) => w.close());
    },
    writeFileAtomic: (path, bytes) => writeDurably(path, bytes, calls),
    writeToDevice(path, bytes) {
      // O_NONBLOCK: a named pipe nobody reads fails at once (ENXIO) instead of blocking forever.
      const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      try {
        writeAll(fd, bytes, calls);
      } finally {
        closeSync(fd);
      }
    },
    writeStdout: (bytes) => writeAll(1, bytes, calls),
    isStandardOutput(path) {
      const [target, stdout] = [statOrUndefined(path), fstatOrUndefined(1)];
      return !!target && !!stdout && target.dev === stdout.dev && target.ino === stdout.ino;
    },
    signal: () => received,
    onSignal(onSignal) {
      signalListeners.add(onSignal);
      return () => signalListeners.delete(onSignal);
    },
  };
}

function kind(path: string): FileKind {
  const s = statOrUndefined(path);
  if (!s) return lstatOrUndefined(path) ? 'other' : 'missing';
  return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isFIFO() ? 'fifo' : s.isCharacterDevice() ? 'device' : 'other';
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function fstatOrUndefined(fd: number) {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Replace `path` with `bytes` so that a crash, a full disk or a signal leaves either the old
 * file or the new one, as package managers write: a temporary file `.<name>.<suffix>.tmp`
 * beside the target (watch ignores such names), created exclusively so a planted file or link
 * at that name is refused, not followed; every byte written and checked; the file synced,
 * renamed over the target, and the folder synced so the rename itself survives a crash.
 * On any failure the temporary file is removed and the target is untouched.
 */
export function writeDurably(path: string, bytes: Bytes, calls: WriteCalls = systemCalls): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(dirname(path), `.${basename(path)}.${calls.temporarySuffix()}.tmp`);
  const fd = openExclusive(temporary);
  try {
    try {
      writeAll(fd, bytes, calls);
      calls.fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(dirname(path));
}

function openExclusive(temporary: string): number {
  try {
    return openSync(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new Error(`something already stands at the temporary name ${basename(temporary)}; it was left alone and nothing was written`);
  }
}

/**
 * A message to standard output (1) or error (2), written whole and at once through the descriptor
 * (a non-blocking pipe that is full waits for its reader), not through process.stdout: its stream
 * loads Node's net module and a pipe or terminal wrap, ≈5.5 ms of a build's start-up for the one
 * line a build writes (node -e 'void process.stdout' against node -e 0, piped, 41 pairs). When
 * the reader has gone (`bulletin build 218 | head -1`), the rest of the messages go nowhere,
 * quietly, as a command killed by SIGPIPE would; the work itself is done or fails as it would have.
 */
export function writeMessage(fd: 1 | 2, text: string, calls: WriteCalls = systemCalls): void {
  try {
    writeAll(fd, Buffer.from(text), calls);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}

/** Write every byte, retrying short writes; a write that makes no progress is a full device. */
function writeAll(fd: number, bytes: Bytes, calls: WriteCalls): void {
  if (!(bytes instanceof Uint8Array)) {
    for (let i = 0; i < bytes.length; i++) writeAll(fd, bytes[i], calls);
    return;
  }
  for (let done = 0; done < bytes.length; ) {
    let written: number;
    try {
      written = calls.writeSync(fd, bytes, done, bytes.length - done);
    } catch (error) {
      // A pipe or terminal opened non-blocking is full for a moment: wait for the reader.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      continue;
    }
    if (written <= 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    done += written;
  }
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Some file systems cannot sync a folder (EINVAL); the rename has happened all the same.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

let received: Signal | undefined;
const signalListeners = new Set<(signal: Signal) => void>();

/**
 * Turn SIGINT and SIGTERM into a flag the build checks between stages (see interrupt.ts) and
 * a call to whoever waits (watch, --all); cli.ts then ends with 130 or 143. A second signal
 * calls `onRepeat`: the user insists, and no write is ever pending across a wait (writes are
 * synchronous), so ending at once loses nothing.
 */
export function catchSignals(onRepeat: (signal: Signal) => void): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (received) return onRepeat(signal);
      received = signal;
      for (const listener of signalListeners) listener(signal);
    });
  }
}
