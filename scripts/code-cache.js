#!/usr/bin/env node
// Writes dist/bundle/cli.cache, V8's code cache of the bundle (see bin/load.js): it loads the
// bundle as bin/bulletin.js does, builds issue 218 so that the functions a build runs are
// compiled, and saves them. Run by scripts/bundle.js in a process of its own, under a build's
// V8 flags. Without issues/218 (a copy without the issues), the cache holds the start-up only.
import { existsSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundle, setV8Flags } from '../bin/load.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
setV8Flags(['build']);
const { exports, script, cacheHeader } = loadBundle('cli');
if (existsSync(join(root, 'issues', '218', 'issue.yaml'))) {
  const scratch = mkdtempSync(join(tmpdir(), 'bulletin-code-cache-'));
  const quiet = { out: () => {}, err: (line) => process.stderr.write(`${line}\n`) };
  const code = await exports.main(['build', '218', '-o', join(scratch, '218.pdf')], quiet, root);
  rmSync(scratch, { recursive: true, force: true });
  if (code !== 0) throw new Error(`building issue 218 for the code cache failed (exit ${code})`);
}
const path = join(root, 'dist', 'bundle', 'cli.cache');
writeFileSync(`${path}.tmp`, Buffer.concat([cacheHeader, script.createCachedData()]));
renameSync(`${path}.tmp`, path);
