import { BulletinError } from './errors.js';
import type { World } from './world.js';

/** `-o -`: the PDF goes to standard output, as pandoc and Typst do. */
export const STDOUT = '-';

/** Where a PDF goes, decided on the resolved path before anything is written. */
export type OutputTarget =
  | { kind: 'stdout' }
  /** A character device or named pipe: written into, never replaced. */
  | { kind: 'device'; path: string }
  /** A regular file, through any links: replaced by a temporary file renamed beside it. */
  | { kind: 'file'; path: string };

const PDF_MAGIC = '%PDF-';

/**
 * What may be written where. `requested` is `-` or an absolute path; `shown` names it in
 * messages. The issue's own files are never overwritten; a file that is not a PDF (by its
 * first bytes) and a new path without .pdf only with `force`. An empty file counts as a PDF:
 * there is nothing in it to lose. /dev/stdout is standard output, as - is.
 */
export function decideOutput(requested: string, shown: string, inputs: readonly string[], force: boolean, world: World): OutputTarget {
  if (requested === STDOUT || world.isStandardOutput(requested)) return { kind: 'stdout' };
  const kind = world.kind(requested);
  if (kind === 'device' || kind === 'fifo') return { kind: 'device', path: requested };
  if (kind === 'dir') throw new BulletinError(`cannot write ${shown}: it is a folder (EISDIR)`, undefined, 'give a file name for the PDF, e.g. out/<total>.pdf');
  if (kind === 'other') throw new BulletinError(`${shown} is not a regular file, a device or a pipe, or is a link to nothing; it is not replaced`, undefined, 'choose another path for the PDF');
  if (kind === 'missing') {
    if (!force && !/\.pdf$/i.test(requested)) throw new BulletinError(`${shown} does not end in .pdf`, undefined, 'name the PDF something.pdf, or give --force to write it under this name');
    return { kind: 'file', path: requested };
  }
  const path = world.realpath(requested);
  if (inputs.some((input) => sameFile(input, path, world))) {
    throw new BulletinError(`${shown} is one of the issue’s own files; it is never overwritten`, undefined, 'choose another path for the PDF, or leave out -o for out/<total>.pdf');
  }
  const head = Buffer.from(world.readHead(path, PDF_MAGIC.length)).toString('latin1');
  if (!force && head !== '' && head !== PDF_MAGIC) throw new BulletinError(`${shown} exists and is not a PDF; it is not replaced`, undefined, 'give --force to replace it, or choose another path for the PDF');
  return { kind: 'file', path };
}

function sameFile(input: string, resolved: string, world: World): boolean {
  try {
    return world.realpath(input) === resolved;
  } catch {
    return false;
  }
}
