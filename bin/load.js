// Start-up: the V8 flags a command runs with, and the bundle loaded through V8's code cache.
// Shared by bin/bulletin.js and scripts/code-cache.js, which writes the cache: V8 accepts a
// cache only under the flags it was made with, so both must set the same ones, the same way.
// bin/ holds CommonJS (bin/package.json): an ES module entry costs Node's ES module loader, ≈15 ms
// of every start-up.
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { setFlagsFromString } = require('node:v8');
const vm = require('node:vm');

const BUNDLE_DIR = join(__dirname, '..', 'dist', 'bundle');
const BUILTINS_A_BUILD_LOADS = ['node:process', 'node:zlib'];

/**
 * V8 flags, measured with npm run bench and alternating A/B runs (issue 9), set here only, before
 * the bundle loads:
 * - V8's young generation starts small and doubles as a build allocates, and the pages it grew
 *   to stay resident. Kept at its start size, a cold `build 218` peaks ≈22 MiB lower (112 → 90
 *   MiB) and is no slower (wall 1.81 s against 1.99 s, CPU 1.77 s against 1.87 s). Larger fixed
 *   semi-spaces (4, 8, 16 MiB) were slower still: fresh pages cost more than the scavenges saved.
 * - A build is over in well under a second: TurboFan's background compiles compete for the cores
 *   and do not pay back (cold `build 218`: wall 1.33 s against 1.86 s, CPU 1.20 s against 1.76 s;
 *   `build --all` of 8 issues: 4.2 s against 4.8 s). Only `watch`, which rebuilds the same issue
 *   for hours, keeps the optimising compiler; its code cache is then refused and it compiles.
 * - V8 starts marking the old generation incrementally once it holds ≈8 MB (then at 9 of a 15 MB
 *   limit), which a build of 218 reaches late in render: a Mark-Compact ran for nothing, the
 *   process ending moments later. Without incremental marking a full collection waits for the
 *   limit itself (which counts external memory too: src/buffers.ts), which one build does not reach: no Mark-Compact, and 8–11 ms less wall time
 *   (paired medians of four 21-run alternations, ratio 2.90 → 2.84 against node -e 0), ≈1 MiB
 *   more peak memory. Every command but `watch` runs so (flags are the process's): `build --all`
 *   of 8 issues, whose workers share one heap each, was no slower and no larger (1.14–1.37 s
 *   against 1.17–1.31 s on one worker, 1.13–1.20 against 1.05–1.15 on two, ≈120/144 MiB either
 *   way: noise). `watch` keeps it: its heap lives for hours, and a full collection of it at once
 *   would stall a rebuild.
 */
function setV8Flags(args) {
  // Node compiles its own modules from a code cache made under V8's default flags, which V8
  // refuses once the flags below differ (NODE_DEBUG_NATIVE=CODE_CACHE shows it): the built-in
  // modules a build loads are loaded first, from that cache. (Messages are written through the
  // descriptors, src/world.ts writeMessage: a build makes no standard output stream.)
  for (const name of BUILTINS_A_BUILD_LOADS) require(name);
  // A code cache carries a checksum, checked before it is deserialised: V8 would crash on a
  // damaged one (a disk error, a hand edit) instead of refusing it. ≈1 ms for 1.5 MB.
  setFlagsFromString('--verify-snapshot-checksum');
  setFlagsFromString('--semi-space-growth-factor=1');
  if (commandOf(args) === 'watch') return;
  setFlagsFromString('--no-opt');
  setFlagsFromString('--no-incremental-marking');
}

/**
 * The command a command line runs: its first argument that is neither a global option nor the
 * value of one (src/cli.ts: --diagnostic-format takes one, as in `--diagnostic-format short watch
 * 218`). Not any argument spelled so: `build watch` builds an issue folder named watch.
 */
function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--diagnostic-format') i++;
    else if (!args[i].startsWith('-')) return args[i];
  }
  return undefined;
}

/**
 * dist/bundle/<name>.cjs compiled with dist/bundle/<name>.cache, V8's code cache of the functions
 * a build of issue 218 ran (scripts/code-cache.js): they are deserialised instead of parsed and
 * compiled, ≈60 ms of a cold build. The cache is used only if it was made from this very file
 * (its size and modification time head it) and V8 takes it (same V8 version and flags, checksum
 * intact); else the bundle is compiled as usual. Returns the bundle's exports, whether the cache was used, and
 * what a cache of this bundle must be: its header, then its script's createCachedData().
 */
function loadBundle(name, dir = BUNDLE_DIR) {
  const file = join(dir, `${name}.cjs`);
  const bundle = openSync(file, 'r');
  const { size, mtimeMs } = fstatSync(bundle);
  const cache = openCache(join(dir, `${name}.cache`));
  // One buffer for both files, the cache read into it once the source is a string: each fresh
  // page costs this kind of VM ≈15 µs to touch, and the two files are ≈650 pages (issue 9).
  const bytes = Buffer.allocUnsafe(Math.max(size, cache?.size ?? 0));
  readAll(bundle, bytes, size);
  // esbuild writes ASCII only (non-ASCII is escaped), and latin1 is the cheapest decoding.
  // The file is a function expression (scripts/bundle.js writes the CommonJS wrapper into it).
  const source = bytes.toString('latin1', 0, size);
  const cachedData = cache && matchingCache(cache, bytes, size, mtimeMs);
  const script = new vm.Script(source, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
  return { exports: module.exports, cacheUsed: cachedData !== undefined && !script.cachedDataRejected, script, cacheHeader: cacheHeader(size, mtimeMs) };
}

/** The code cache file open, and its size; undefined when there is none to read. */
function openCache(path) {
  try {
    const fd = openSync(path, 'r');
    return { fd, size: fstatSync(fd).size };
  } catch {
    return undefined;
  }
}

/** Read `size` bytes of the open file into the start of `into`, and close it. */
function readAll(fd, into, size) {
  try {
    for (let at = 0, n; at < size; at += n) {
      n = readSync(fd, into, at, size - at, at);
      if (n === 0) throw Object.assign(new Error('file shortened while read'), { code: 'EIO' });
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * What heads a code cache: the size and modification time of the bundle it was made from, in
 * whole seconds, which a copy that keeps times keeps exactly (finer parts are rounded either way).
 */
function cacheHeader(size, mtimeMs) {
  const header = Buffer.alloc(16);
  header.writeDoubleLE(size, 0);
  header.writeDoubleLE(Math.floor(mtimeMs / 1000), 8);
  return header;
}

/** The cache's code, read into `bytes`, if the cache was made from this very bundle; else undefined. */
function matchingCache(cache, bytes, size, mtimeMs) {
  try {
    readAll(cache.fd, bytes, cache.size);
  } catch {
    return undefined;
  }
  return cache.size > 16 && bytes.subarray(0, 16).equals(cacheHeader(size, mtimeMs)) ? bytes.subarray(16, cache.size) : undefined;
}

module.exports = { loadBundle, setV8Flags };
