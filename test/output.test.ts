import { decideOutput } from '../src/output.js';
import { nodeWorld, type FileKind, type World } from '../src/world.js';

/** A world of a few files: path → kind, link target and first bytes. */
function fakeWorld(files: Record<string, { kind: FileKind; realpath?: string; head?: string }>, stdout?: string): World {
  const at = (path: string) => files[path] ?? { kind: 'missing' as const };
  return {
    ...nodeWorld('/p'),
    kind: (path) => at(path).kind,
    realpath: (path) => at(path).realpath ?? path,
    readHead: (path) => Buffer.from(at(path).head ?? ''),
    isStandardOutput: (path) => path === stdout,
  };
}

const world = fakeWorld(
  {
    '/p/issues/1/a.md': { kind: 'file', head: '---\nti' },
    '/p/old.pdf': { kind: 'file', head: '%PDF-' },
    '/p/empty': { kind: 'file', head: '' },
    '/p/notes.txt': { kind: 'file', head: 'hello' },
    '/p/link.pdf': { kind: 'file', realpath: '/p/old.pdf', head: '%PDF-' },
    '/p/sneaky.pdf': { kind: 'file', realpath: '/p/issues/1/a.md', head: '---\nti' },
    '/dev/null': { kind: 'device' },
    '/p/pipe': { kind: 'fifo' },
    '/p/out': { kind: 'dir' },
    '/p/socket': { kind: 'other' },
    '/dev/stdout': { kind: 'fifo' },
  },
  '/dev/stdout',
);
const inputs = ['/p/issues/1/issue.yaml', '/p/issues/1/a.md'];
const decide = (path: string, force = false) => {
  try {
    return decideOutput(path, path, inputs, force, world);
  } catch (error) {
    return (error as Error).message;
  }
};

test.each([
  ['-', false, { kind: 'stdout' }],
  ['/dev/stdout', false, { kind: 'stdout' }],
  ['/p/new.pdf', false, { kind: 'file', path: '/p/new.pdf' }],
  ['/p/NEW.PDF', false, { kind: 'file', path: '/p/NEW.PDF' }],
  ['/p/new', false, '/p/new does not end in .pdf'],
  ['/p/new', true, { kind: 'file', path: '/p/new' }],
  ['/p/old.pdf', false, { kind: 'file', path: '/p/old.pdf' }],
  ['/p/empty', false, { kind: 'file', path: '/p/empty' }],
  ['/p/notes.txt', false, '/p/notes.txt exists and is not a PDF; it is not replaced'],
  ['/p/notes.txt', true, { kind: 'file', path: '/p/notes.txt' }],
  ['/p/link.pdf', false, { kind: 'file', path: '/p/old.pdf' }],
  ['/p/issues/1/a.md', true, '/p/issues/1/a.md is one of the issue’s own files; it is never overwritten'],
  ['/p/sneaky.pdf', true, '/p/sneaky.pdf is one of the issue’s own files; it is never overwritten'],
  ['/dev/null', false, { kind: 'device', path: '/dev/null' }],
  ['/p/pipe', false, { kind: 'device', path: '/p/pipe' }],
  ['/p/out', true, 'cannot write /p/out: it is a folder (EISDIR)'],
  ['/p/socket', true, '/p/socket is not a regular file, a device or a pipe, or is a link to nothing; it is not replaced'],
])('-o %s (force: %s)', (path, force, expected) => {
  expect(decide(path, force)).toEqual(expected);
});
