import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../src/world.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  permissions?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { 'fail-fast'?: boolean; 'max-parallel'?: number; matrix?: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: { workflow_dispatch: { inputs: Record<string, { default: string }> } };
  permissions: unknown;
  jobs: Record<string, Job>;
}
const workflow = () => parse(readFileSync(join(PACKAGE_ROOT, '.github', 'workflows', 'rebuild-archive.yml'), 'utf8')) as Workflow;

test('rebuild-archive: dispatched by hand; list, a bounded matrix that does not stop at a failure, a table after all', () => {
  const { on, permissions, jobs } = workflow();
  expect(Object.keys(on)).toEqual(['workflow_dispatch']);
  expect(permissions).toEqual({});
  expect(Object.keys(jobs)).toEqual(['list', 'build', 'table']);
  expect(jobs.list.outputs).toEqual({ batches: '${{ steps.list.outputs.batches }}' });
  expect(jobs.build.needs).toBe('list');
  expect(jobs.build.strategy).toEqual({ 'fail-fast': false, 'max-parallel': 20, matrix: { batch: '${{ fromJSON(needs.list.outputs.batches) }}' } });
  expect(jobs.build.steps.find((s) => s.uses?.startsWith('actions/upload-artifact'))).toMatchObject({ if: 'always()', with: { name: 'archive-${{ strategy.job-index }}' } });
  // The matrix value reaches the script through the environment, never spliced into its text.
  expect(jobs.build.steps.some((s) => s.env?.ISSUES === '${{ matrix.batch }}' && s.run?.includes('$ISSUES') && !s.run.includes('${{'))).toBe(true);
  expect(jobs.table).toMatchObject({ needs: 'build', if: 'always()' });
  expect(jobs.table.steps.some((s) => s.uses?.startsWith('actions/download-artifact') && s.with?.pattern === 'archive-*' && s.with['merge-multiple'] === true)).toBe(true);
});

test('rebuild-archive: least privilege per job, no token kept, pinned actions', () => {
  for (const job of Object.values(workflow().jobs)) {
    expect(Object.values(job.permissions ?? {}).every((level) => level === 'read')).toBe(true);
    for (const step of job.steps) {
      if (step.uses) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
      if (step.uses?.startsWith('actions/checkout')) expect(step.with?.['persist-credentials']).toBe(false);
      expect(step.run ?? '').not.toMatch(/echo[^\n]*\$\(/);
    }
  }
});

/** Run a `run:` step as GitHub does (bash -e) in `cwd`, with GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files. */
function runStep(step: Step, cwd: string, env: Record<string, string> = {}) {
  const [output, summary] = [join(cwd, 'github-output'), join(cwd, 'github-summary')];
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const result = spawnSync('bash', ['-e', '-c', step.run!], { cwd, env: { ...process.env, ...env, GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary }, encoding: 'utf8' });
  return { ...result, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
}

test('the listing step here: 300 issues in numeric order, batched to stay within the 256 jobs a matrix holds', () => {
  const step = workflow().jobs.list.steps.find((s) => s.id === 'list')!;
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-archive-'));
  cpSync(join(PACKAGE_ROOT, 'scripts', 'archive-batches.js'), join(dir, 'scripts', 'archive-batches.js'));
  for (let n = 1; n <= 300; n++) {
    mkdirSync(join(dir, 'issues', String(n)), { recursive: true });
    writeFileSync(join(dir, 'issues', String(n), 'issue.yaml'), '');
  }
  mkdirSync(join(dir, 'issues', 'drafts'));
  const listed = runStep(step, dir, { PER_JOB: '1' });
  expect(listed.status).toBe(0);
  const batches = JSON.parse(/^batches=(.*)$/m.exec(listed.output)![1]) as string[];
  expect(batches).toHaveLength(150);
  expect(batches.slice(0, 2)).toEqual(['1 2', '3 4']);
  expect(batches.flatMap((b) => b.split(' '))).toEqual(Array.from({ length: 300 }, (_, i) => String(i + 1)));
  expect(JSON.parse(/^batches=(.*)$/m.exec(runStep(step, dir, { PER_JOB: '' }).output)![1])).toHaveLength(38);
  expect(runStep(step, dir, { PER_JOB: 'many' }).status).not.toBe(0);
  const empty = mkdtempSync(join(tmpdir(), 'bulletin-archive-'));
  cpSync(join(PACKAGE_ROOT, 'scripts'), join(empty, 'scripts'), { recursive: true });
  expect(runStep(step, empty).status).not.toBe(0);
});

test('the table step: one row per issue in numeric order; it fails when an issue failed', () => {
  const step = workflow().jobs.table.steps.find((s) => s.run)!;
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-table-'));
  mkdirSync(join(dir, 'archive'));
  writeFileSync(join(dir, 'archive', 'table-9.tsv'), '9\t4\tabc\tok\n10\t\t\terror: no issue manifest\n');
  writeFileSync(join(dir, 'archive', 'table-1.tsv'), '1\t43\tdef\tok\n');
  const failed = runStep(step, dir);
  expect(failed.status).toBe(1);
  expect(failed.summary).toBe('| issue | pages | sha256 | result |\n|---|---|---|---|\n| 1 | 43 | def | ok |\n| 9 | 4 | abc | ok |\n| 10 |  |  | error: no issue manifest |\n');
  writeFileSync(join(dir, 'archive', 'table-9.tsv'), '9\t4\tabc\tok\n');
  expect(runStep(step, dir).status).toBe(0);
});

test('the build step here: a batch of 218 and a missing issue gives a row each, and fails', () => {
  const step = workflow().jobs.build.steps.find((s) => s.env?.ISSUES)!;
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-batch-'));
  cpSync(join(PACKAGE_ROOT, 'issues', '218'), join(dir, 'issues', '218'), { recursive: true });
  // npx bulletin, as npm ci would provide it on the runner.
  mkdirSync(join(dir, 'bin'));
  writeFileSync(join(dir, 'bin', 'npx'), `#!/usr/bin/env bash\nshift\nexec "${process.execPath}" "${join(PACKAGE_ROOT, 'bin', 'bulletin.js')}" "$@"\n`, { mode: 0o755 });
  const result = runStep(step, dir, { ISSUES: '218 7', PATH: `${join(dir, 'bin')}:${process.env.PATH}` });
  expect(result.status).toBe(1);
  const rows = readFileSync(join(dir, 'archive', 'table-218.tsv'), 'utf8').trimEnd().split('\n').map((row) => row.split('\t'));
  expect(rows).toEqual([
    ['218', '43', expect.stringMatching(/^[0-9a-f]{64}$/), 'ok'],
    ['7', '', '', 'error: no issue manifest at issues/7'],
  ]);
});
