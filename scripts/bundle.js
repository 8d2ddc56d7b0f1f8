#!/usr/bin/env node
// Bundle the compiled CLI into dist/bundle/cli.cjs, one CommonJS file (build --all's workers load
// it too, through bin/worker.js) instead of the ~300 modules of unified, micromark, yaml,
// commander, pdfkit and fontkit; then write its V8 code cache (scripts/code-cache.js, loaded by
// bin/load.js). CommonJS, because V8's code cache is open to scripts only, not to ES modules
// (Node 20).
// The big packages only `import` and `compare` use stay outside, required from node_modules when
// those commands run, never at a build's start-up: mammoth, jszip, pinyin-pro and pdfjs-dist. The
// ES-module-only ones import alone uses (the HTML parsers, remark-stringify: ≈400 KB, a quarter
// of the bundle) are bundled apart into dist/bundle/import-packages.cjs, required when import
// runs: every start-up read and decoded them, and the code cache carried their functions
// (≈15 M instructions of a start-up). Outside as they are, require() would hand over their
// namespace where their default export was meant.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const OUT = 'dist/bundle';
const IMPORT_ONLY = ['mammoth', 'jszip', 'pinyin-pro', 'pdfjs-dist', 'pdfjs-dist/*'];
/** The packages of import-packages.cjs, each by the name of its default export there. */
const IMPORT_PACKAGES = { 'rehype-parse': 'rehypeParse', 'rehype-remark': 'rehypeRemark', 'remark-stringify': 'remarkStringify' };
const IMPORT_PACKAGES_FILE = './import-packages.cjs';
/**
 * Modules a build imports but seldom calls, bundled apart, each into the file named, and required
 * on the first call of the one function imported from it (`from`: the folder of our own module):
 * - HTML's 2,125 named character references (`&copy;`), which micromark looks up only when an
 *   article has one, were a 35 KB object literal that every start-up read, decoded, deserialised
 *   from the code cache and built;
 * - micromark and remark, which read only an article plain.ts does not (none of issue 218): their
 *   ≈100 modules' top-level code (constructs, character tables, the parser's set-up) ran at every
 *   start-up.
 */
const CALLED_APART = {
  'decode-named-character-reference': { file: './character-references.cjs', call: 'decodeNamedCharacterReference' },
  './article-parser.js': { file: './article-parser.cjs', call: 'parseMarkdown', from: 'dist/src/markdown' },
};
const BUNDLE_URL = "const bundleUrl = require('node:url').pathToFileURL(__filename).href;";

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

/**
 * In the CLI bundle, each of IMPORT_PACKAGES is a module whose default export is that package's,
 * taken from import-packages.cjs when the module is first evaluated (import's code is evaluated
 * only when import runs).
 */
const importPackagesApart = {
  name: 'import-packages-apart',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${Object.keys(IMPORT_PACKAGES).join('|')})$`) }, (args) => ({ path: args.path, namespace: 'import-package' }));
    build.onResolve({ filter: /^\.\/import-packages\.cjs$/ }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'import-package' }, (args) => ({
      contents: `export default require(${JSON.stringify(IMPORT_PACKAGES_FILE)}).${IMPORT_PACKAGES[args.path]};`,
      loader: 'js',
    }));
  },
};

/** In a bundle, each of CALLED_APART but `except` is a module whose one function requires its file when first called. */
function calledApart(except) {
  const names = Object.keys(CALLED_APART).filter((name) => name !== except);
  return {
    name: 'called-apart',
    setup(build) {
      const escaped = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      build.onResolve({ filter: new RegExp(`^(${escaped.join('|')})$`) }, (args) => {
        const { from } = CALLED_APART[args.path];
        return from === undefined || args.resolveDir === resolve(from) ? { path: args.path, namespace: 'called-apart' } : undefined;
      });
      const files = new Set(names.map((name) => CALLED_APART[name].file));
      build.onResolve({ filter: /\.cjs$/, namespace: 'called-apart' }, (args) => (files.has(args.path) ? { path: args.path, external: true } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'called-apart' }, (args) => {
        const { file, call } = CALLED_APART[args.path];
        return { contents: `let loaded;\nexport function ${call}(...args) {\n  loaded ??= require(${JSON.stringify(file)});\n  return loaded.${call}(...args);\n}`, loader: 'js' };
      });
    },
  };
}

const common = {
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
  banner: { js: BUNDLE_URL },
  // A third smaller to read and decode at each start-up (≈8 ms); names stay, for --verbose traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

// File names stay put between builds, but a build must not leave an old cache beside a new bundle.
rmSync(OUT, { recursive: true, force: true });

await build({
  ...common,
  entryPoints: { cli: 'dist/src/cli.js' },
  // The CommonJS wrapper is written into the file, so that bin/load.js compiles the file's own
  // text: a wrapper added at load time makes V8 copy the whole 1.6 MB source into one flat
  // string again (≈390 fresh pages, which this kind of VM pays ≈14 µs each for).
  // import-packages.cjs is required by Node as any module is, and so has none.
  banner: { js: `(function (exports, require, module, __filename, __dirname) {${BUNDLE_URL}` },
  footer: { js: '})' },
  plugins: [importMetaUrl, importPackagesApart, calledApart()],
});
for (const [name, { file, call, from = '.' }] of Object.entries(CALLED_APART)) {
  await build({
    ...common,
    stdin: { contents: `export { ${call} } from ${JSON.stringify(name)};`, resolveDir: from, sourcefile: `${name}.js` },
    outfile: join(OUT, file),
    outdir: undefined,
    plugins: [importMetaUrl, calledApart(name)],
  });
}
await build({
  ...common,
  stdin: {
    contents: Object.entries(IMPORT_PACKAGES).map(([name, as]) => `export { default as ${as} } from ${JSON.stringify(name)};`).join('\n'),
    resolveDir: '.',
    sourcefile: 'import-packages.js',
  },
  outfile: join(OUT, IMPORT_PACKAGES_FILE),
  outdir: undefined,
  plugins: [importMetaUrl],
});

// The packaged templates' cache is made whenever the bundle is, by the template reader just
// bundled, so that a cache never outlives the code that wrote it; then the code cache, whose
// build of 218 reads that cache.
for (const script of ['scripts/template-cache.js', 'scripts/code-cache.js']) {
  const step = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (step.status !== 0) process.exit(step.status ?? 1);
}
