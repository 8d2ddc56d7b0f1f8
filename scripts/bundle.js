#!/usr/bin/env node
// Bundle the compiled CLI into dist/bundle/cli.cjs, one CommonJS file (build --all's workers load
// it too, through bin/worker.js) instead of the ~300 modules of unified, micromark, yaml,
// commander, pdfkit and fontkit; then write its V8 code cache (scripts/code-cache.js, loaded by
// bin/load.js). CommonJS, because V8's code cache is open to scripts only, not to ES modules
// (Node 20).
// The big packages only `import` and `compare` use stay outside, required from node_modules when
// those commands run, never at a build's start-up: mammoth, jszip, pinyin-pro and pdfjs-dist. The
// smaller ES-module-only ones (the HTML parsers, remark-stringify) are inside, as import's code
// is, but run only when import runs: outside, require() would hand over their namespace where
// their default export was meant.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

const OUT = 'dist/bundle';
const IMPORT_ONLY = ['mammoth', 'jszip', 'pinyin-pro', 'pdfjs-dist', 'pdfjs-dist/*'];

/**
 * import.meta.url, which a CommonJS bundle lacks: our modules get the bundle's own URL (they look
 * for bulletin's folder and the batch worker from there); a dependency gets its own file's URL,
 * where it finds its data (pdfkit's ICC profile for PDF/A).
 */
const importMetaUrl = {
  name: 'import-meta-url',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      if (!contents.includes('import.meta.url')) return undefined;
      const own = JSON.stringify(relative(resolve(OUT), args.path).split('\\').join('/'));
      return { contents: contents.replaceAll('import.meta.url', `new URL(${own}, bundleUrl).href`), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

// File names stay put between builds, but a build must not leave an old cache beside a new bundle.
rmSync(OUT, { recursive: true, force: true });

await build({
  entryPoints: { cli: 'dist/src/cli.js' },
  outdir: OUT,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: IMPORT_ONLY,
  define: { 'import.meta.url': 'bundleUrl' },
  // import() of a package outside becomes require(): a script compiled from a code cache cannot
  // import() (Node 20), and Node 20.19 requires ES modules such as pdfjs-dist.
  supported: { 'dynamic-import': false },
  // The CommonJS wrapper is written into the file, so that bin/load.js compiles the file's own
  // text: a wrapper added at load time makes V8 copy the whole 1.6 MB source into one flat
  // string again (≈390 fresh pages, which this kind of VM pays ≈14 µs each for).
  banner: { js: "(function (exports, require, module, __filename, __dirname) {const bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  footer: { js: '})' },
  plugins: [importMetaUrl],
  // A third smaller to read and decode at each start-up (≈8 ms); names stay, for --verbose traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});

const cache = spawnSync(process.execPath, ['scripts/code-cache.js'], { stdio: 'inherit' });
if (cache.status !== 0) process.exit(cache.status ?? 1);
