#!/usr/bin/env node
// Bundle the compiled CLI and its batch worker into dist/bundle/: one file each instead of the
// ~200 small modules of unified, micromark, yaml and commander, which halves start-up time.
// pdfkit and fontkit stay outside: pdfkit reads its data files next to itself, and both must
// share one fontkit. Code reached only through import() — the import command, with mammoth and the
// HTML parsers — goes into chunks of its own, loaded when that command runs, never at start-up.
// pdfjs-dist stays outside so that its import() in compare and import stays a real one: a build
// never loads it.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

// Chunk names carry a hash of their content: without this, every build would leave the last one's chunks.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { cli: 'dist/src/cli.js', 'batch-worker': 'dist/src/batch-worker.js' },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['pdfkit', 'fontkit', 'pdfjs-dist'],
  // commander is CommonJS: its require() calls need a require in an ES module.
  banner: { js: "import { createRequire as bundleCreateRequire } from 'node:module'; const require = bundleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
