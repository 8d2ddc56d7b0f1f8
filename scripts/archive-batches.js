#!/usr/bin/env node
// The issues under issues/ (each folder with an issue.yaml), in numeric order, as a JSON list of
// batches for the rebuild-archive workflow's matrix: each batch a space-separated string of issue
// folders, built by one runner. A matrix holds at most 256 jobs, so batches grow beyond the
// requested size when the archive needs it.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const MATRIX_LIMIT = 256;
const requested = Number(process.argv[2] ?? '8');
if (!Number.isInteger(requested) || requested < 1) {
  console.error(`error: give the number of issues per job, 1 or more, not '${process.argv[2]}'`);
  process.exit(2);
}
const issues = existsSync('issues')
  ? readdirSync('issues')
      .filter((name) => existsSync(join('issues', name, 'issue.yaml')))
      .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
  : [];
const unusable = issues.filter((name) => /\s/.test(name));
if (unusable.length > 0) {
  console.error(`error: issue folders with spaces in their names cannot be batched: ${unusable.join(', ')}`);
  process.exit(1);
}
const size = Math.max(requested, Math.ceil(issues.length / MATRIX_LIMIT));
const batches = [];
for (let at = 0; at < issues.length; at += size) batches.push(issues.slice(at, at + size).join(' '));
console.log(JSON.stringify(batches));
