import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPrintedPages } from '../src/pdftext/read.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';
import { GOOD_ARTICLE, scratchIssue } from './fixtures.js';

const BUNDLE = join(PACKAGE_ROOT, 'dist', 'bundle');

/** Load the CLI bundle from `dir` in a fresh process under the flags of the command line `command`: did it use its code cache, and did it load? */
function load(dir: string, command: string): { cacheUsed: boolean; exports: string[] } {
  const script = `const { loadBundle, setV8Flags } = await import(${JSON.stringify(pathToFileURL(join(PACKAGE_ROOT, 'bin', 'load.js')).href)});
setV8Flags(${JSON.stringify(command.split(' '))});
const { cacheUsed, exports } = loadBundle('cli', ${JSON.stringify(dir)});
process.stdout.write(JSON.stringify({ cacheUsed, exports: Object.keys(exports).sort() }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as { cacheUsed: boolean; exports: string[] };
}

const loaded = { exports: ['EXIT', 'catchSignals', 'main', 'serveBatch'] };

test('a build compiles the bundle from its code cache', () => {
  expect(load(BUNDLE, 'build')).toEqual({ ...loaded, cacheUsed: true });
});

test('a code cache not made from the very bundle beside it is not used: the bundle is compiled', () => {
  const copied = mkdtempSync(join(tmpdir(), 'bulletin-bundle-'));
  cpSync(join(BUNDLE, 'cli.cjs'), join(copied, 'cli.cjs'), { preserveTimestamps: true });
  cpSync(join(BUNDLE, 'cli.cache'), join(copied, 'cli.cache'));
  expect(load(copied, 'build')).toEqual({ ...loaded, cacheUsed: true });
  const { mtime } = statSync(join(copied, 'cli.cjs'));
  utimesSync(join(copied, 'cli.cjs'), mtime, new Date(mtime.getTime() + 60_000));
  expect(load(copied, 'build')).toEqual({ ...loaded, cacheUsed: false });
});

test('regression: a damaged code cache (bytes changed, size and header kept) is refused, not a crash of V8', () => {
  const copied = mkdtempSync(join(tmpdir(), 'bulletin-bundle-'));
  cpSync(join(BUNDLE, 'cli.cjs'), join(copied, 'cli.cjs'), { preserveTimestamps: true });
  const cache = readFileSync(join(BUNDLE, 'cli.cache'));
  for (let at = 4096; at < cache.length; at += 997) cache[at] ^= 0x5a;
  writeFileSync(join(copied, 'cli.cache'), cache);
  expect(load(copied, 'build')).toEqual({ ...loaded, cacheUsed: false });
});

test('watch, which keeps the optimising compiler, has the cache refused by V8 and compiles the bundle', () => {
  expect(load(BUNDLE, 'watch')).toEqual({ ...loaded, cacheUsed: false });
});

test('a build loads neither child_process (commander, patched to load it for executable subcommands only) nor worker_threads and os (build --all only), crypto (a temporary name), perf_hooks (a timer) nor net (standard output\'s stream, for a pipe)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-builtins-'));
  // The list taken before process.stderr, whose stream (a pipe here) loads net.
  const report = "process.on('exit', () => { const loaded = JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (child_process|worker_threads|os|crypto|perf_hooks|net)$/.test(m))); process.stderr.write(loaded); });";
  const child = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(report)}`, join(PACKAGE_ROOT, 'bin', 'bulletin.js'), 'build', '218', '-o', join(dir, '218.pdf')], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect([child.status, child.stderr]).toEqual([0, '[]']);
});

test('HTML\'s named character references are not in the CLI bundle every start-up reads, but beside it, and a build through the bundle still decodes them', async () => {
  const holds = (file: string) => readFileSync(join(BUNDLE, file), 'latin1').includes('AElig:');
  expect([holds('cli.cjs'), holds('character-references.cjs')]).toEqual([false, true]);
  const root = scratchIssue({ 'issues/1/a.md': GOOD_ARTICLE.replace('正文第一段', '版权&copy;与&amp;及&#x4E2D;正文第一段') });
  const child = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'bulletin.js'), 'build', '1', '-o', 'a.pdf'], { cwd: root, encoding: 'utf8' });
  expect(child.status).toBe(0);
  const pages = await readPrintedPages(join(root, 'a.pdf'), 'a.pdf', nodeWorld(root));
  expect(JSON.stringify(pages)).toContain('版权©与&及中正文第一段');
});

test('micromark and remark, which read only an article plain.ts does not, are not in the CLI bundle every start-up reads, but beside it, and a build through the bundle still reads such an article', async () => {
  // mdast-util-from-markdown, micromark's tokenizer, micromark-extension-gfm-table and remark-frontmatter's micromark extension, by their functions' names.
  const functions = ['function fromMarkdown(', 'function createTokenizer(', 'function gfmTable(', 'function frontmatter('];
  const holds = (file: string) => functions.filter((name) => readFileSync(join(BUNDLE, file), 'latin1').includes(name));
  expect(holds('cli.cjs')).toEqual([]);
  expect(holds('article-parser.cjs')).toEqual(functions);
  const root = scratchIssue({ 'issues/1/a.md': GOOD_ARTICLE.replace('正文第一段', '正文**第一段**') });
  const child = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'bulletin.js'), 'build', '1', '-o', 'a.pdf'], { cwd: root, encoding: 'utf8' });
  expect([child.status, child.stderr]).toEqual([0, '']);
  const pages = await readPrintedPages(join(root, 'a.pdf'), 'a.pdf', nodeWorld(root));
  expect(JSON.stringify(pages)).toContain('正文第一段');
});

test('the packages only import uses (HTML parser, Markdown writer) are not in the CLI bundle every start-up reads, but beside it', () => {
  // hast-util-from-html, hast-util-from-parse5 and mdast-util-to-markdown, by their functions' names.
  const functions = ['function fromHtml(', 'function fromParse5(', 'function toMarkdown('];
  const holds = (file: string) => functions.filter((name) => readFileSync(join(BUNDLE, file), 'latin1').includes(name));
  expect(holds('cli.cjs')).toEqual([]);
  expect(holds('import-packages.cjs')).toEqual(functions);
});

// A Node built without a code cache of its own modules (some distributions') has nothing to refuse.
const withNodeCodeCache = (process.config.variables as { node_use_node_code_cache?: boolean }).node_use_node_code_cache ? test : test.skip;

withNodeCodeCache('regression: Node compiles its own modules a build loads from its code cache, which V8 refused once bin/load.js had changed its flags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-builtins-'));
  const child = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'bulletin.js'), 'build', '218', '-o', join(dir, '218.pdf')], {
    cwd: PACKAGE_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_DEBUG_NATIVE: 'CODE_CACHE' },
  });
  expect(child.status).toBe(0);
  expect(child.stderr).toMatch(/Code cache of zlib \(.*\) is accepted/);
  expect(child.stderr.split('\n').filter((line) => line.includes('is rejected'))).toEqual([]);
});

test('without a bundle (a clone not yet installed) bulletin says to run npm ci, with no stack trace', () => {
  const copy = mkdtempSync(join(tmpdir(), 'bulletin-unbuilt-'));
  cpSync(join(PACKAGE_ROOT, 'bin'), join(copy, 'bin'), { recursive: true });
  const child = spawnSync(process.execPath, [join(copy, 'bin', 'bulletin.js'), 'build', '218'], { cwd: copy, encoding: 'utf8' });
  expect([child.status, child.stderr]).toEqual([1, "error: bulletin is not built: dist/bundle/cli.cjs is missing\n  hint: run npm ci (or npm run build) in bulletin's folder\n"]);
});

test('regression: watch after a global option and its value (--diagnostic-format short watch) still keeps the optimising compiler', () => {
  expect(load(BUNDLE, '--diagnostic-format short watch 218')).toEqual({ ...loaded, cacheUsed: false });
});

test('regression: a build of an issue or into a file named watch (build watch -o watch) runs with a build’s flags, from the code cache', () => {
  expect(load(BUNDLE, 'build watch -o watch')).toEqual({ ...loaded, cacheUsed: true });
  expect(load(BUNDLE, '--diagnostic-format=short watch 218')).toEqual({ ...loaded, cacheUsed: false });
});

test('exiting as soon as a build is done loses nothing: the PDF whole through a pipe read late, the message after it, the exit code kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-exit-'));
  const bin = JSON.stringify(join(PACKAGE_ROOT, 'bin', 'bulletin.js'));
  const built = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'bulletin.js'), 'build', '218', '-o', join(dir, '218.pdf')], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(built.status).toBe(0);
  const piped = spawnSync('/bin/sh', ['-c', `${JSON.stringify(process.execPath)} ${bin} build 218 -o - | (sleep 0.5; cat)`], { cwd: PACKAGE_ROOT, maxBuffer: 64 << 20 });
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  expect(sha(piped.stdout)).toBe(sha(readFileSync(join(dir, '218.pdf'))));
  expect(piped.stderr.toString()).toMatch(/^wrote standard output, 43 pages, [\d.]+ s\n$/);
  const failed = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin', 'bulletin.js'), 'build', join(dir, 'missing')], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect([failed.status, failed.stderr]).toEqual([1, expect.stringMatching(/^error: .*\n  hint: .*\n$/)]);
});

// A Mark-Compact ran just before the process ended (≈8–11 ms of a cold build): bin/load.js turns
// V8's incremental marking off for a build, and src/buffers.ts keeps its buffers out of the
// external memory V8 adds to the old generation against its limit.
test('a cold build of issue 218 runs no full garbage collection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-gc-'));
  // As bin/bulletin.js starts a build (same flags, same code cache), perf_hooks told of
  // collections once the bundle is loaded, so that it adds nothing to the heap before.
  const script = `const { loadBundle, setV8Flags } = require(${JSON.stringify(join(PACKAGE_ROOT, 'bin', 'load.js'))});
setV8Flags(['build']);
const { exports: cli, cacheUsed } = loadBundle('cli');
const { PerformanceObserver, constants } = require('node:perf_hooks');
let full = 0;
new PerformanceObserver((list) => { for (const entry of list.getEntries()) if (entry.detail.kind === constants.NODE_PERFORMANCE_GC_MAJOR) full++; }).observe({ entryTypes: ['gc'] });
// Observers hear of a collection a turn later.
cli.main(['build', '218', '-o', ${JSON.stringify(join(dir, '218.pdf'))}]).then((code) => setImmediate(() => process.stdout.write('\\n' + JSON.stringify({ code, cacheUsed, full }))));`;
  // Nothing inherited may add to the heap or change V8's flags (a coverage run's NODE_V8_COVERAGE).
  const { NODE_OPTIONS, NODE_V8_COVERAGE, ...env } = process.env;
  const built = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, env, encoding: 'utf8' });
  expect(JSON.parse(built.stdout.split('\n').at(-1)!)).toEqual({ code: 0, cacheUsed: true, full: 0 });
});
