#!/usr/bin/env node
// Bundle the compiled CLI and its batch worker into dist/bundle/: one file each instead of the
// ~200 small modules of unified, micromark, yaml and commander, which halves start-up time.
// pdfkit and fontkit stay outside: pdfkit reads its data files next to itself, and both must
// share one fontkit. pdfjs-dist stays outside so that its import() in compare and import stays a
// real one: a build never loads it.
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'dist/src/cli.js', 'batch-worker': 'dist/src/batch-worker.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['pdfkit', 'fontkit', 'pdfjs-dist'],
  // commander is CommonJS: its require() calls need a require in an ES module.
  banner: { js: "import { createRequire as bundleCreateRequire } from 'node:module'; const require = bundleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
