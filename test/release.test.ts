import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test('the release workflow runs the release script on issue-* tags with contents: write only and pinned actions', () => {
  const workflow = readFileSync(join(PACKAGE_ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
  expect(workflow).toMatch(/tags: \['issue-\*'\]/);
  expect(workflow).toMatch(/permissions:\n {2}contents: write\n/);
  expect(workflow).toContain('scripts/release.sh "$GITHUB_REF_NAME"');
  for (const uses of workflow.match(/uses: \S+/g) ?? []) expect(uses).toMatch(/@[0-9a-f]{40}$/);
});
