import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../src/world.js';

test('the release script builds the tagged issue with dates from SOURCE_DATE_EPOCH, reproducibly', () => {
  const out = mkdtempSync(join(tmpdir(), 'bulletin-release-'));
  const env = { ...process.env, SOURCE_DATE_EPOCH: '1766102400' };
  const release = (dir: string) => spawnSync('bash', [join(PACKAGE_ROOT, 'scripts', 'release.sh'), 'issue-218', dir], { env, encoding: 'utf8' });
  const first = release(join(out, 'a'));
  expect(first.status).toBe(0);
  expect(first.stdout.trim()).toBe(join(out, 'a', 'bulletin-218.pdf'));
  const second = release(join(out, 'b'));
  const [a, b] = [readFileSync(join(out, 'a', 'bulletin-218.pdf')), readFileSync(join(out, 'b', 'bulletin-218.pdf'))];
  expect(Buffer.compare(a, b)).toBe(0);
  expect(a.toString('latin1')).toContain('(D:20251219000000Z)');
  expect(second.status).toBe(0);
});

test('the release script refuses a tag that names no issue', () => {
  const result = spawnSync('bash', [join(PACKAGE_ROOT, 'scripts', 'release.sh'), 'v1.0'], { encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toContain("tag 'v1.0' is not of the form issue-<n>");
});

test('the release script fails, printing no path, when the build fails', () => {
  const out = mkdtempSync(join(tmpdir(), 'bulletin-release-'));
  const result = spawnSync('bash', [join(PACKAGE_ROOT, 'scripts', 'release.sh'), 'issue-7', out], { encoding: 'utf8' });
  expect(result.status).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(/^error: no issue manifest at issues\/7\/issue\.yaml/);
});

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = () => parse(readFileSync(join(PACKAGE_ROOT, '.github', 'workflows', 'release.yml'), 'utf8')) as { on: { push: { tags: string[] } }; permissions: unknown; jobs: Record<string, Job> };

test('the release workflow: tests before the build, least privilege per job, no token kept, pinned actions', () => {
  const { on, permissions, jobs } = workflow();
  expect(on.push.tags).toEqual(['issue-*']);
  expect(permissions).toEqual({});
  const runs = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));
  const [testing] = Object.entries(jobs).find(([, job]) => runs(job).includes('npm test'))!;
  const building = Object.values(jobs).find((job) => runs(job).some((r) => r.includes('scripts/release.sh')))!;
  const steps = building.steps.map((s) => s.run ?? s.uses);
  expect(steps.indexOf('npm test')).toBeLessThan(steps.findIndex((s) => s?.includes('scripts/release.sh')));
  expect(jobs[testing]).toBe(building);
  for (const job of Object.values(jobs)) {
    const writes = Object.entries(job.permissions ?? {}).filter(([, level]) => level === 'write');
    // Only a job that runs no repository code may write: it downloads the PDF and uploads it.
    if (writes.length > 0) {
      expect(writes).toEqual([['contents', 'write']]);
      expect(job.steps.some((s) => s.uses?.startsWith('actions/checkout') || s.run?.includes('npm'))).toBe(false);
      expect(([] as string[]).concat(job.needs ?? [])).toContain(Object.keys(jobs).find((name) => jobs[name] === building));
    }
    for (const step of job.steps) {
      if (step.uses) expect(step.uses).toMatch(/@[0-9a-f]{40}$/);
      if (step.uses?.startsWith('actions/checkout')) expect(step.with?.['persist-credentials']).toBe(false);
      expect(step.run ?? '').not.toMatch(/echo[^\n]*\$\(/);
    }
  }
});

test('the workflow’s build step fails when the release script fails, and passes when it succeeds', () => {
  const step = workflow()
    .jobs.pdf.steps.map((s) => s.run ?? '')
    .find((run) => run.includes('scripts/release.sh'))!;
  const runStep = (script: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'bulletin-step-'));
    mkdirSync(join(dir, 'scripts'));
    writeFileSync(join(dir, 'scripts', 'release.sh'), `#!/usr/bin/env bash\n${script}\n`);
    chmodSync(join(dir, 'scripts', 'release.sh'), 0o755);
    // As GitHub runs a `run:` step without a shell of its own: bash -e.
    return spawnSync('bash', ['-e', '-c', step], { cwd: dir, env: { ...process.env, GITHUB_REF_NAME: 'issue-7' }, encoding: 'utf8' });
  };
  expect(runStep('echo "error: the build failed" >&2; exit 1').status).not.toBe(0);
  expect(runStep('mkdir -p release; echo "%PDF-" > release/b.pdf; echo release/b.pdf').status).toBe(0);
  expect(runStep('echo release/missing.pdf').status).not.toBe(0);
});
