import { display } from '../build.js';
import { BulletinError } from '../errors.js';
import type { World } from '../world.js';

/**
 * Write a text file durably (World.writeFileAtomic: a temporary file renamed into place); an
 * existing file only with `force`, and never one of `protect` (the document being imported).
 * A named pipe or device is written into.
 */
export function writeNew(target: string, text: string, force: boolean, world: World, protect: readonly string[] = []): void {
  const kind = world.kind(target);
  const file = display(target, world);
  const bytes = Buffer.from(text);
  if (kind === 'dir') throw new BulletinError(`cannot write ${file}: it is a folder (EISDIR)`, undefined, 'give a file name, e.g. article.md');
  if (kind === 'fifo' || kind === 'device') return world.writeToDevice(target, bytes);
  if (kind !== 'missing' && protect.some((p) => world.realpath(p) === world.realpath(target))) {
    throw new BulletinError(`${file} is the document being imported; it is never overwritten`, undefined, 'choose another name, e.g. article.md');
  }
  if (kind !== 'missing' && !force) throw new BulletinError(`${file} exists; it is not replaced`, undefined, 'give --force to replace it, or choose another name');
  try {
    world.writeFileAtomic(target, bytes);
  } catch (error) {
    throw new BulletinError(`cannot write ${file}: ${(error as Error).message}`, undefined, 'check that the folder can be written and the disk has room');
  }
}
