#!/usr/bin/env node
// Write the generated torture issue (test/torture.ts) to a folder, to build and look at:
//   node scripts/torture.js /tmp/t && npx bulletin build /tmp/t/issues/1 -o /tmp/t/torture.pdf
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tortureIssue } from '../dist/test/torture.js';

const root = process.argv[2] ?? 'torture';
for (const [path, text] of Object.entries(tortureIssue(Number(process.argv[3] ?? 7)))) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}
console.log(`wrote ${join(root, 'issues', '1')}`);
