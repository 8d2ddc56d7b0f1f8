/**
 * Issue 8, "Nothing lost, nothing hangs": a full disk, a signal, a dangerous -o, a special
 * file or a pathological article ends with an exit code and one clear message, and leaves the
 * previous PDF byte for byte and no stray file. Each case records a row of the issue's table
 * (case, exit code, first line of the message, time); BULLETIN_TABLE=<file> writes it out.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT, nodeWorld, systemCalls, temporarySuffix, writeDurably, type World, type WriteCalls } from '../src/world.js';
import { GOOD_ARTICLE, GOOD_MANIFEST, run, scratchIssue, type Run } from './fixtures.js';

/** What stood at the output before: a PDF by its first bytes, small, recognisable. */
const OLD = Buffer.from('%PDF-1.7\n% the previous PDF, which must survive\n%%EOF\n');
const BIN = join(PACKAGE_ROOT, 'bin', 'bulletin.js');
const A = 'issues/1/a.md';

const table: string[][] = [];
afterAll(() => {
  if (process.env.BULLETIN_TABLE) writeFileSync(process.env.BULLETIN_TABLE, table.map((row) => `| ${row.join(' | ')} |`).join('\n') + '\n');
});

/** Run, time and record a case. */
async function timed(name: string, go: () => Promise<Run>): Promise<Run & { seconds: number }> {
  const started = performance.now();
  const result = await go();
  const seconds = (performance.now() - started) / 1000;
  table.push([name, String(result.code), `\`${result.err[0] ?? result.out[0] ?? ''}\``, `${seconds.toFixed(2)} s`]);
  return { ...result, seconds };
}

/** A scratch issue with the previous PDF at out/1.pdf. */
function withOldPdf(files: Record<string, string> = {}): string {
  const root = scratchIssue(files);
  mkdirSync(join(root, 'out'));
  writeFileSync(join(root, 'out', '1.pdf'), OLD);
  return root;
}

function expectOldPdf(dir: string, name = '1.pdf', others: string[] = []): void {
  expect(Buffer.compare(readFileSync(join(dir, name)), OLD)).toBe(0);
  expect(readdirSync(dir).sort()).toEqual([name, ...others].sort());
}

/** A world whose writes go through `calls` instead of the system's. */
const worldWith = (root: string, calls: Partial<WriteCalls>): World => nodeWorld(root, { ...systemCalls, ...calls });

/** Run bin/bulletin.js as a user would; resolves with its exit code (-1 if a signal killed it) and output. */
function spawnCli(args: string[], cwd: string, onStart?: (child: ChildProcess) => void): Promise<Run & { stdout: Buffer }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd });
    const [stdout, stderr]: Buffer[][] = [[], []];
    child.stdout.on('data', (b: Buffer) => stdout.push(b));
    child.stderr.on('data', (b: Buffer) => stderr.push(b));
    onStart?.(child);
    child.on('close', (code, signal) => {
      const lines = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8').split('\n').filter(Boolean);
      resolve({ code: code ?? -1, out: [...lines(stdout), ...(signal ? [`killed by ${signal}`] : [])], err: lines(stderr), stdout: Buffer.concat(stdout) });
    });
  });
}

describe('a full disk', () => {
  test('on a full tmpfs the build fails with ENOSPC and the old PDF stays', async () => {
    const root = withOldPdf();
    const disk = join(root, 'disk');
    mkdirSync(disk);
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=200k', 'tmpfs', disk]).status !== 0) {
      console.warn('cannot mount a tmpfs here (not root?): the injected short write below covers this');
      return;
    }
    try {
      writeFileSync(join(disk, '1.pdf'), OLD);
      fill(join(disk, 'filler'));
      const result = await timed('full disk (200 KiB tmpfs)', () => run(['build', '1', '-o', 'disk/1.pdf'], root));
      expect(result.code).toBe(1);
      expect(result.err[0]).toBe('error: cannot write disk/1.pdf: no space left on device (ENOSPC)');
      expectOldPdf(disk, '1.pdf', ['filler']);
    } finally {
      spawnSync('umount', [disk]);
    }
  });

  test('a write that comes up short (injected through the world) fails with ENOSPC and the old PDF stays', async () => {
    const root = withOldPdf();
    let calls = 0;
    const world = worldWith(root, { writeSync: (fd, bytes, offset, length) => (++calls === 1 ? writeSync(fd, bytes, offset, Math.min(length, 1000)) : 0) });
    const result = await timed('short write (injected)', () => run(['build', '1'], root, world));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: cannot write out/1.pdf: no space left on device (ENOSPC)');
    expectOldPdf(join(root, 'out'));
  });

  test('short writes that make progress are continued until every byte is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulletin-write-'));
    const bytes = Buffer.alloc(100_000, 7);
    writeDurably(join(dir, 'x.pdf'), bytes, { ...systemCalls, writeSync: (fd, b, offset, length) => writeSync(fd, b, offset, Math.min(length, 4096)) });
    expect(Buffer.compare(readFileSync(join(dir, 'x.pdf')), bytes)).toBe(0);
    expect(readdirSync(dir)).toEqual(['x.pdf']);
  });

  test('a failed fsync keeps the old PDF', async () => {
    const root = withOldPdf();
    const world = worldWith(root, { fsyncSync: () => { throw Object.assign(new Error('EIO'), { code: 'EIO' }); } });
    const result = await timed('fsync fails (injected EIO)', () => run(['build', '1'], root, world));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: cannot write out/1.pdf: input/output error (EIO)');
    expectOldPdf(join(root, 'out'));
  });
});

/** Fill a file system to the last byte. */
function fill(path: string): void {
  const chunk = Buffer.alloc(4096);
  try {
    for (;;) writeFileSync(path, chunk, { flag: 'a' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  }
}

describe('the temporary file', () => {
  test('has a name of the form .<name>.<16 hex digits>.tmp beside the target, another at each write', async () => {
    const root = withOldPdf();
    const names: string[] = [];
    const world = worldWith(root, { writeSync: (fd, b, o, l) => (names.push(readlinkSync(`/proc/self/fd/${fd}`)), writeSync(fd, b, o, l)) });
    for (const _ of [1, 2]) expect((await run(['build', '1', '--creation-timestamp', '0'], root, world)).code).toBe(0);
    const [first, second] = [...new Set(names)];
    expect(first).toMatch(new RegExp(`^${join(root, 'out')}/\\.1\\.pdf\\.[0-9a-f]{16}\\.tmp$`));
    expect(second).not.toBe(first);
    expect(readdirSync(join(root, 'out'))).toEqual(['1.pdf']);
  });

  test('suffix: the process id in 6 hex digits, then 10 of the clock, different at every call however quick', () => {
    const suffixes = Array.from({ length: 1000 }, temporarySuffix);
    expect(new Set(suffixes).size).toBe(1000);
    for (const suffix of suffixes) expect(suffix).toMatch(new RegExp(`^${process.pid.toString(16).padStart(6, '0')}[0-9a-f]{10}$`));
  });

  test('a symlink planted at the temporary name is refused, not followed', async () => {
    const root = withOldPdf({ 'victim.txt': 'must not change' });
    symlinkSync(join(root, 'victim.txt'), join(root, 'out', '.1.pdf.planted.tmp'));
    const world = worldWith(root, { temporarySuffix: () => 'planted' });
    const result = await timed('symlink planted at the temporary name', () => run(['build', '1'], root, world));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: cannot write out/1.pdf: something already stands at the temporary name .1.pdf.planted.tmp; it was left alone and nothing was written');
    expect(readFileSync(join(root, 'victim.txt'), 'utf8')).toBe('must not change');
    expectOldPdf(join(root, 'out'), '1.pdf', ['.1.pdf.planted.tmp']);
  });
});

/**
 * Send `signal` `delay` ms after the child has a font open (a link in /proc/<pid>/fd), so that the
 * signal lands in the build, not in Node's start-up before the CLI listens, whatever the
 * machine's load; calls `sent` then. Not SigCgt in /proc/<pid>/status: Node catches SIGINT and
 * SIGTERM itself from its start (to restore the terminal), before bulletin listens.
 */
function signalDuringBuild(child: ChildProcess, signal: NodeJS.Signals, delay: number, sent: () => void): void {
  const fds = `/proc/${child.pid}/fd`;
  const opened = (fd: string) => {
    try {
      return /\.(otf|ttf)$/.test(readlinkSync(join(fds, fd)));
    } catch {
      return false;
    }
  };
  const building = () => {
    try {
      return readdirSync(fds).some(opened);
    } catch {
      return false;
    }
  };
  const poll = setInterval(() => {
    if (!building()) return;
    clearInterval(poll);
    setTimeout(() => {
      sent();
      child.kill(signal);
    }, delay);
  }, 10);
  child.once('exit', () => clearInterval(poll));
}

describe('signals stop a long build', () => {
  let big: string;
  beforeAll(() => {
    big = mkdtempSync(join(tmpdir(), 'bulletin-big-'));
    spawnSync(process.execPath, [join(PACKAGE_ROOT, 'scripts', 'gen-issue.js'), '20', join(big, 'issues', '1')]);
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s during a build of a generated issue 20 times 218: exit %d, old PDF kept, no temporary file', async (signal, code) => {
    const root = mkdtempSync(join(tmpdir(), 'bulletin-signal-'));
    cpSync(join(big, 'issues'), join(root, 'issues'), { recursive: true });
    mkdirSync(join(root, 'out'));
    writeFileSync(join(root, 'out', '1.pdf'), OLD);
    let sent = 0;
    const result = await spawnCli(['build', '1', '-o', 'out/1.pdf'], root, (child) => signalDuringBuild(child, signal, 300, () => (sent = performance.now())));
    const seconds = (performance.now() - sent) / 1000;
    table.push([`${signal} 0.3 s into a build of 20 × issue 218`, String(result.code), `\`${result.err[0]}\``, `${seconds.toFixed(2)} s from the signal`]);
    expect(result.code).toBe(code);
    expect(result.err[0]).toBe(`error: interrupted by ${signal}`);
    expect(seconds).toBeLessThan(3);
    expectOldPdf(join(root, 'out'));
  });

  test('SIGTERM stops build --all and its workers', async () => {
    const root = mkdtempSync(join(tmpdir(), 'bulletin-signal-'));
    for (const n of ['1', '2', '3']) {
      cpSync(join(big, 'issues', '1'), join(root, 'issues', n), { recursive: true });
      const manifest = join(root, 'issues', n, 'issue.yaml');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/^total: \d+$/m, `total: 900${n}`));
    }
    const pdfs = ['9001.pdf', '9002.pdf', '9003.pdf'];
    mkdirSync(join(root, 'out'));
    for (const pdf of pdfs) writeFileSync(join(root, 'out', pdf), OLD);
    let sent = 0;
    const result = await spawnCli(['build', '--all', '-j', '2'], root, (child) => signalDuringBuild(child, 'SIGTERM', 700, () => (sent = performance.now())));
    const seconds = (performance.now() - sent) / 1000;
    table.push(['SIGTERM 0.7 s into build --all -j 2 (3 issues of 20 × 218)', String(result.code), `\`${result.err[0]}\``, `${seconds.toFixed(2)} s from the signal`]);
    expect(result.code).toBe(143);
    expect(result.err[0]).toBe('error: interrupted by SIGTERM');
    expect(seconds).toBeLessThan(2);
    // An issue finished before the signal is written whole; every other keeps its old PDF.
    expect(readdirSync(join(root, 'out')).sort()).toEqual(pdfs);
    for (const pdf of pdfs) {
      const bytes = readFileSync(join(root, 'out', pdf));
      expect(Buffer.compare(bytes, OLD) === 0 || (bytes.length > 100_000 && bytes.subarray(-6).toString() === '%%EOF\n')).toBe(true);
    }
  });

  test('SIGINT stops watch', async () => {
    const root = withOldPdf();
    let sent = 0;
    const result = await spawnCli(['watch', '1'], root, (child) => {
      child.stdout!.once('data', () => ((sent = performance.now()), child.kill('SIGINT')));
    });
    table.push(['SIGINT to watch', String(result.code), `\`${result.err[0]}\``, `${((performance.now() - sent) / 1000).toFixed(2)} s from the signal`]);
    expect(result.code).toBe(130);
    expect(result.out[0]).toMatch(/wrote out\/1\.pdf/);
    expect(result.err[0]).toBe('error: interrupted by SIGINT');
    expect(readdirSync(join(root, 'out'))).toEqual(['1.pdf']);
  });
});

describe('-o', () => {
  test('over one of the issue’s own files is refused, even with --force', async () => {
    const root = withOldPdf();
    for (const force of [[], ['--force']]) {
      const result = await timed(`-o over an article${force.length ? ' --force' : ''}`, () => run(['build', '1', '-o', A, ...force], root));
      expect(result.code).toBe(1);
      expect(result.err[0]).toBe(`error: ${A} is one of the issue’s own files; it is never overwritten`);
      expect(readFileSync(join(root, A), 'utf8')).toBe(GOOD_ARTICLE);
    }
    expect(readFileSync(join(root, 'issues/1/issue.yaml'), 'utf8')).toBe(GOOD_MANIFEST);
    expect(readdirSync(join(root, 'issues/1')).sort()).toEqual(['a.md', 'issue.yaml']);
    expectOldPdf(join(root, 'out'));
  });

  test('over the manifest through a link is refused', async () => {
    const root = withOldPdf();
    symlinkSync(join(root, 'issues/1/issue.yaml'), join(root, 'sneaky.pdf'));
    const result = await timed('-o a link to the manifest', () => run(['build', '1', '-o', 'sneaky.pdf'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: sneaky.pdf is one of the issue’s own files; it is never overwritten');
    expect(readFileSync(join(root, 'issues/1/issue.yaml'), 'utf8')).toBe(GOOD_MANIFEST);
  });

  test('over another file that is not a PDF is refused unless --force', async () => {
    const root = withOldPdf({ 'package.json': '{"name": "mine"}\n' });
    const result = await timed('-o over package.json', () => run(['build', '1', '-o', 'package.json'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: package.json exists and is not a PDF; it is not replaced');
    expect(readFileSync(join(root, 'package.json'), 'utf8')).toBe('{"name": "mine"}\n');
    const forced = await timed('-o over package.json --force', () => run(['build', '1', '-o', 'package.json', '--force'], root));
    expect(forced.code).toBe(0);
    expect(readFileSync(join(root, 'package.json')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readdirSync(root).sort()).toEqual(['issues', 'out', 'package.json']);
  });

  test('a new path without .pdf is refused unless --force', async () => {
    const root = withOldPdf();
    const result = await timed('-o a new path without .pdf', () => run(['build', '1', '-o', 'draft'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: draft does not end in .pdf');
    expect(existsSync(join(root, 'draft'))).toBe(false);
    expect((await run(['build', '1', '-o', 'draft', '--force'], root)).code).toBe(0);
  });

  test('through a symlink updates the file it points to; the link stays a link', async () => {
    const root = withOldPdf();
    mkdirSync(join(root, 'links'));
    symlinkSync(join(root, 'out', '1.pdf'), join(root, 'links', 'current.pdf'));
    const result = await timed('-o through a symlink', () => run(['build', '1', '-o', 'links/current.pdf'], root));
    expect(result.code).toBe(0);
    expect(lstatSync(join(root, 'links', 'current.pdf')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(root, 'out', '1.pdf')).length).toBeGreaterThan(OLD.length);
    expect(readdirSync(join(root, 'links'))).toEqual(['current.pdf']);
    expect(readdirSync(join(root, 'out'))).toEqual(['1.pdf']);
  });

  test('to /dev/null writes into the device and never replaces it', async () => {
    const root = withOldPdf();
    const result = await timed('-o /dev/null', () => run(['build', '1', '-o', '/dev/null'], root));
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^wrote \/dev\/null, \d+ pages/);
    expect(lstatSync('/dev/null').isCharacterDevice()).toBe(true);
    expect(readdirSync('/dev').filter((f) => f.startsWith('.null'))).toEqual([]);
    expectOldPdf(join(root, 'out'));
  });

  test('to a named pipe nobody reads fails at once instead of blocking', async () => {
    const root = withOldPdf();
    spawnSync('mkfifo', [join(root, 'pipe.pdf')]);
    const result = await timed('-o a named pipe nobody reads', () => run(['build', '1', '-o', 'pipe.pdf'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: cannot write pipe.pdf: no process reads the pipe (ENXIO)');
    expect(lstatSync(join(root, 'pipe.pdf')).isFIFO()).toBe(true);
    expectOldPdf(join(root, 'out'));
  });

  test.each(['-', '/dev/stdout'])('%s writes the PDF to standard output and every message to stderr', async (output) => {
    const root = withOldPdf();
    const started = performance.now();
    const result = await spawnCli(['build', '1', '-o', output], root);
    table.push([`-o ${output} (standard output, a pipe)`, String(result.code), `\`${result.err[0]}\``, `${((performance.now() - started) / 1000).toFixed(2)} s`]);
    expect(result.code).toBe(0);
    expect(result.stdout.subarray(0, 5).toString()).toBe('%PDF-');
    expect(result.stdout.subarray(-6).toString()).toBe('%%EOF\n');
    expect(result.err[0]).toMatch(new RegExp(`^wrote ${output === '-' ? 'standard output' : output}, \\d+ pages, [\\d.]+ s$`));
    expectOldPdf(join(root, 'out'));
  });
});

describe('a reader that stops early', () => {
  /** Run bin/bulletin.js with standard output into a pipe whose reader closes it at once (`| head -0`). */
  function intoClosedPipe(args: string[], cwd: string): { status: number | null; stderr: string } {
    const child = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" "$@" | head -c 0; exit \${PIPESTATUS[0]}`, 'bulletin', ...args], { cwd, encoding: 'utf8' });
    return { status: child.status, stderr: child.stderr };
  }

  test('regression: messages to a closed pipe are dropped quietly, not a stack trace; the PDF is written', () => {
    const root = withOldPdf();
    expect(intoClosedPipe(['build', '1', '-o', 'new.pdf'], root)).toEqual({ status: 0, stderr: '' });
    expect(readFileSync(join(root, 'new.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('a PDF to standard output that nobody reads to the end fails with EPIPE, saying why', () => {
    const result = intoClosedPipe(['build', '1', '-o', '-'], withOldPdf());
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('error: cannot write standard output: the reader closed the pipe (EPIPE)\n  hint: the program reading standard output stopped before the PDF ended\n');
  });
});

describe('special files and pathological articles', () => {
  test('an article that is a named pipe is refused before it is opened', async () => {
    const root = withOldPdf();
    rmSync(join(root, A));
    spawnSync('mkfifo', [join(root, A)]);
    const result = await timed('article is a named pipe', () => run(['build', '1'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: issues/1/issue.yaml:7:5: issues/1/a.md is a named pipe, not a regular file; it is not read');
    expectOldPdf(join(root, 'out'));
  });

  test('a manifest that is a named pipe is refused before it is opened', async () => {
    const root = withOldPdf();
    spawnSync('mkfifo', [join(root, 'pipe.yaml')]);
    const result = await timed('manifest is a named pipe', () => run(['build', 'pipe.yaml'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: pipe.yaml is a named pipe, not a regular file; it is not read');
  });

  const front = '---\ntitle: 题\nbyline: 张三\nsource: 来源\n---\n\n正文。\n\n';
  test.each([
    ['a list 1,000 deep', Array.from({ length: 1000 }, (_, k) => `${'  '.repeat(k)}- 项`).join('\n'), '41:65: block quotes or lists nested more than 32 deep'],
    ['10,000 nested >', `${'>'.repeat(10_000)} 引`, '9:33: block quotes or lists nested more than 32 deep'],
    ['10,000 * on each side', `${'*'.repeat(10_000)}字${'*'.repeat(10_000)}`, '9:1: a run of 10000 “*” is longer than 32'],
    ['10,000 [', '['.repeat(10_000), '9:257: more than 256 emphasis marks (* _ ~) and brackets in one paragraph'],
    ['“**a ” 10,000 times', '**a '.repeat(10_000), '9:1025: more than 256 emphasis marks (* _ ~) and brackets in one paragraph'],
  ])('%s is refused by the pre-scan at file:line:col, at once', async (name, body, message) => {
    const root = withOldPdf({ [A]: `${front}${body}\n` });
    const result = await timed(name, () => run(['build', '1'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe(`error: ${A}:${message}`);
    // A whole run, Node's start included: 0.3 s on a quiet machine, 2.01 s once under load 8.
    // Unguarded, micromark takes 23 s over the 10,000 * on each side.
    expect(result.seconds).toBeLessThan(5);
    expectOldPdf(join(root, 'out'));
  });
});

describe('check reports every problem in one run', () => {
  const bad = GOOD_ARTICLE.replace('byline:', 'bylien:');
  const manifest = GOOD_MANIFEST.replace('number: 1', 'number: 0').replace('2025-01-02', '2025-13-01').replace('total: 1', 'totl: 1');
  const articles = { [A]: bad, 'issues/1/b.md': GOOD_ARTICLE.replace('正文第一段', '正文\u2060第一段'), 'issues/1/c.md': `${GOOD_ARTICLE}\n${'['.repeat(300)}\n` };

  test.each([
    [
      'check: a manifest with four mistakes',
      { 'issues/1/issue.yaml': manifest },
      [
        'issues/1/issue.yaml:1:1: the issue manifest lacks the required field “total”',
        'issues/1/issue.yaml:3:9: “number” must be between 1 and 999, not 0',
        'issues/1/issue.yaml:4:1: unknown field “totl” in the issue manifest',
        'issues/1/issue.yaml:5:7: “date” 2025-13-01 is not a day of the calendar',
      ],
    ],
    [
      'check: three articles with mistakes, one an invisible character',
      { 'issues/1/issue.yaml': `${GOOD_MANIFEST}  - b.md\n  - c.md\n`, ...articles },
      [
        'issues/1/a.md:2:1: the front matter lacks the required field “byline”',
        'issues/1/a.md:3:1: unknown field “bylien” in the front matter',
        'issues/1/b.md:9:3: no font of the template has the character U+2060 (invisible)',
        'issues/1/c.md:13:257: more than 256 emphasis marks (* _ ~) and brackets in one paragraph',
      ],
    ],
  ])('%s', async (name, files, errors) => {
    const result = await timed(name, () => run(['check', '1'], scratchIssue(files)));
    expect(result.code).toBe(1);
    expect(result.err.filter((l) => l.startsWith('error'))).toEqual(errors.map((e) => `error: ${e}`));
  });

  test('check --all checks every issue', async () => {
    const root = scratchIssue({ 'issues/2/issue.yaml': GOOD_MANIFEST.replace('total: 1', 'total: 2'), 'issues/2/a.md': bad });
    const result = await timed('check --all (one good issue, one bad)', () => run(['check', '--all'], root));
    expect(result.code).toBe(1);
    expect(result.out).toEqual(['issues/1: 0 errors, 0 warnings', 'issues/2: 2 errors, 0 warnings']);
    expect(result.err[0]).toBe('error: issues/2/a.md:2:1: the front matter lacks the required field “byline”');
  });
});

describe('smaller rough edges', () => {
  test.each([
    ['new 0', ['new', '0'], 2, "error: command-argument value '0' is invalid for argument 'n'. give the running number of the new issue, 1 or more"],
    ['-j 0', ['build', '1', '-j', '0'], 2, "error: option '-j, --jobs <n>' argument '0' is invalid. give a number of workers, 1 or more"],
  ])('%s is a usage error', async (name, args, code, first) => {
    const root = scratchIssue();
    const result = await timed(name, () => run(args, root));
    expect(result.code).toBe(code);
    expect(result.err[0]).toBe(first);
    expect(readdirSync(join(root, 'issues'))).toEqual(['1']);
  });

  test('build 1 1 builds issue 1 once', async () => {
    const root = scratchIssue();
    const result = await timed('build 1 1', () => run(['build', '1', 'issues/1'], root));
    expect(result.code).toBe(0);
    expect(result.err).toEqual([]);
    expect(result.out).toEqual([expect.stringMatching(/^wrote out\/1\.pdf, \d+ pages/)]);
  });

  test('-j above the core count is capped, saying so', async () => {
    const root = scratchIssue({ 'issues/2/issue.yaml': GOOD_MANIFEST.replace('total: 1', 'total: 2'), 'issues/2/a.md': GOOD_ARTICLE });
    const result = await timed('-j 999', () => run(['build', '--all', '-j', '999'], root));
    expect(result.code).toBe(0);
    expect(result.err[0]).toMatch(/^note: -j 999 is more than the \d+ cores; using \d+ workers$/);
  });

  test('regression: a message does not nest quotes (“each entry of “keywords””)', async () => {
    const root = scratchIssue({ [A]: GOOD_ARTICLE.replace('source: 测试来源', 'source: 测试来源\nkeywords: [[a]]') });
    const result = await timed('a keyword that is a list', () => run(['build', '1'], root));
    expect(result.code).toBe(1);
    expect(result.err[0]).toBe('error: issues/1/a.md:5:12: each entry of “keywords” must be text, not a list');
  });
});
