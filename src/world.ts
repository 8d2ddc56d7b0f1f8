import { closeSync, existsSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readSync, readdirSync, realpathSync, renameSync, rmSync, statSync, watch, writeSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';

/** The one door to the outside world: files, environment. The build gets it passed in. */
export interface World {
  cwd: string;
  /** Where bulletin itself is installed: its templates/ and fonts/ are found there. */
  packageRoot: string;
  env(name: string): string | undefined;
  kind(path: string): 'file' | 'dir' | 'missing' | 'other';
  readFile(path: string): Uint8Array;
  /** Open a file to read parts of it: a build needs about 2 MB of its 47 MB of font files. */
  openRanged(path: string): RangedFile;
  realpath(path: string): string;
  listDir(path: string): string[];
  /** Write through a temporary file beside `path`, renamed into place only when complete. */
  writeFileAtomic(path: string, bytes: Uint8Array): void;
  /** The clock, for what is dated today (a new issue); never used for a PDF's bytes. */
  now(): Date;
  /** Call `onChange` with the changed path when anything in these folders changes; returns a stop function. */
  watch(folders: readonly string[], onChange: (path: string) => void): () => void;
}

/** A file open for reads at any position; it stays open as long as it is referenced. */
export interface RangedFile {
  readonly size: number;
  /** Fill `into` with the file's bytes from `position` on. */
  read(position: number, into: Uint8Array): void;
}

/** bulletin's own folder (templates/, fonts/): the nearest package.json above this module, compiled or bundled. */
export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

const closeWhenCollected = new FinalizationRegistry<number>((fd) => closeSync(fd));

/** Temporary files of unfinished writes, removed if the process is interrupted. */
export const pendingTemporaryFiles = new Set<string>();

export function nodeWorld(cwd = process.cwd()): World {
  return {
    cwd,
    packageRoot: PACKAGE_ROOT,
    env: (name) => process.env[name],
    kind(path) {
      try {
        const s = statSync(path);
        return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
      } catch {
        return lstatSafe(path) ? 'other' : 'missing';
      }
    },
    readFile: (path) => readFileSync(path),
    openRanged(path) {
      const fd = openSync(path, 'r');
      const size = fstatSync(fd).size;
      const file: RangedFile = {
        size,
        read(position, into) {
          for (let done = 0; done < into.length; ) {
            const n = readSync(fd, into, done, into.length - done, position + done);
            if (n === 0) throw new Error(`unexpected end of file at byte ${position + done} of ${path}`);
            done += n;
          }
        },
      };
      // The faces reading it may live as long as the process (watch and --all keep them open);
      // the descriptor is closed when the last of them is collected.
      closeWhenCollected.register(file, fd);
      return file;
    },
    realpath: (path) => realpathSync(path),
    listDir: (path) => readdirSync(path).sort(),
    now: () => new Date(),
    watch(folders, onChange) {
      const watchers = folders.map((folder) => watch(folder, (_event, name) => onChange(join(folder, String(name ?? '')))));
      return () => watchers.forEach((w) => w.close());
    },
    writeFileAtomic(path, bytes) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${threadId}.tmp`);
      pendingTemporaryFiles.add(temporary);
      try {
        const fd = openSync(temporary, 'w');
        try {
          writeSync(fd, bytes);
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        renameSync(temporary, path);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      } finally {
        pendingTemporaryFiles.delete(temporary);
      }
    },
  };
}

function lstatSafe(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
