import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layoutLoaded, loadIssue } from '../src/build.js';
import { renderPdf } from '../src/render/pdf.js';
import { nodeWorld, PACKAGE_ROOT } from '../src/world.js';
import { displayList } from './displaylist.js';
import { packagesLoaded, run, scratchIssue } from './fixtures.js';

const FIXTURES = join(PACKAGE_ROOT, 'test', 'fixtures', 'import');
const ISSUE_218 = join(PACKAGE_ROOT, 'issues', '218');

async function build(root: string) {
  const world = nodeWorld(root);
  const loaded = loadIssue('218', world);
  const document = layoutLoaded(loaded, {}, world);
  return { list: displayList(document), pdf: Buffer.from(await renderPdf(document, loaded.faces)) };
}

test('round trip: issue 218’s five articles as .docx, imported again, build byte for byte the PDF of issues/218', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-'));
  mkdirSync(join(root, 'issues', '218'), { recursive: true });
  copyFileSync(join(ISSUE_218, 'issue.yaml'), join(root, 'issues', '218', 'issue.yaml'));
  const articles = readdirSync(ISSUE_218).filter((f) => f.endsWith('.md'));
  expect(articles).toHaveLength(5);
  for (const name of articles) {
    const docx = join(FIXTURES, `218-${name.replace(/\.md$/, '.docx')}`);
    const result = await run(['import', docx, '-o', join(root, 'issues', '218', name)], root);
    expect({ name, ...result }).toEqual({ name, code: 0, out: [`wrote issues/218/${name}`], err: [] });
  }
  const [imported, original] = [await build(root), await build(PACKAGE_ROOT)];
  expect(imported.list).toBe(original.list);
  expect(Buffer.compare(imported.pdf, original.pdf)).toBe(0);
});

test('Word stores a source cited three times as three footnotes: they become one definition cited three times', async () => {
  const result = await run(['import', join(FIXTURES, '218-02-keji-chanye-ronghe.docx')], PACKAGE_ROOT);
  const markdown = result.out.join('\n');
  expect(markdown.match(/\[\^1\](?!:)/g)).toHaveLength(3);
  expect(markdown.match(/^\[\^\d+\]:/gm)).toHaveLength(4);
});

test('an image, a comment, tracked changes and a table are warnings with their paragraph; punctuation fixes are reported', async () => {
  const result = await run(['import', join(FIXTURES, 'warnings.docx'), '--diagnostic-format', 'short'], PACKAGE_ROOT);
  const file = 'test/fixtures/import/warnings.docx';
  expect(result.code).toBe(0);
  expect(result.err).toEqual([
    `${file}:4: warning: an image is left out (paragraph 4)`,
    `${file}:6: warning: a comment is left out (paragraph 6)`,
    `${file}:7: warning: a tracked insertion is kept as plain text; accept or reject it in Word to be sure (paragraph 7)`,
    `${file}:7: warning: a tracked deletion is left out (paragraph 7)`,
    `${file}:8: warning: a table is left out (paragraph 8)`,
    `${file}:10: warning: ASCII “,” between Chinese characters became “，” (paragraph 10)`,
    `${file}:10: warning: a full stop “.” in Chinese text became “。” (paragraph 10)`,
    `${file}:10: warning: half-width “( )” around Chinese text became “（ ）” (paragraph 10)`,
  ]);
  const markdown = result.out.join('\n');
  expect(markdown).toContain('\n**首先，**&#x8FD9;一段有粗体的领起语。\n');
  expect(markdown).toContain('\n这一段有请核实。\n');
  expect(markdown).toContain('\n这一段有新加的字和。\n');
  expect(markdown.endsWith('\n科技，创新。人才（试行）。')).toBe(true);
});

test('--strict: the warnings are errors, exit code 1, and nothing is written', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-'));
  const result = await run(['import', join(FIXTURES, 'warnings.docx'), '--strict', '-o', 'a.md'], root);
  expect(result.code).toBe(1);
  expect(result.err.filter((l) => l.startsWith('error: '))).toHaveLength(8);
  expect(existsSync(join(root, 'a.md'))).toBe(false);
});

test('a signal during the conversion: exit 130 and nothing written', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-'));
  const result = await run(['import', join(FIXTURES, '218-03-jichu-yanjiu.docx'), '-o', 'a.md'], root, { ...nodeWorld(root), signal: () => 'SIGINT' });
  expect(result.code).toBe(130);
  expect(readdirSync(root)).toEqual([]);
});

test('a .doc or .wps file is refused with “save it as .docx”', async () => {
  const root = scratchIssue({ 'old.doc': 'binary', 'old.wps': 'binary' });
  for (const name of ['old.doc', 'old.wps']) {
    const result = await run(['import', name], root);
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/save it as \.docx/);
  }
});

test('a news page imports to the article alone, with its title, byline and source line; its image is a warning at its line', async () => {
  const result = await run(['import', join(FIXTURES, 'news-page.html')], PACKAGE_ROOT);
  expect(result.code).toBe(0);
  expect(result.out.join('\n')).toBe(`---
title: 人工智能可持续发展亟需全球协同治理
byline: 杨娟 杜帅
source: 经济参考报，2025年11月26日
---

当人工智能（AI）以前所未有的速度重塑世界的同时，一场关乎未来的资源危机正悄然浮现。经济合作组织（OECD）与电气电子工程师学会（IEEE）联合发布的《人工智能的隐性成本》研究报告，首次系统性揭示 AI 技术发展对能源、水资源等基础要素产生的深层次影响。

# 资源压力的双重叙事

**能耗“滚雪球”效应严重。**&#x62A5;告显示，AI 大模型全生命周期的能耗呈现“滚雪球”效应。

# 技术治理多维破局

面对这一系统性挑战，报告提出“技术革新+制度设计”双轮驱动方案，为破局指明了方向。`);
  expect(result.err).toEqual(['warning: test/fixtures/import/news-page.html:28:10: an image is left out', '  hint: add it by hand if the print needs it; the bulletin carries text only']);
});

test('-o never replaces a file without --force, and never the document being imported', async () => {
  const root = scratchIssue({ 'a.md': 'mine' });
  copyFileSync(join(FIXTURES, '218-03-jichu-yanjiu.docx'), join(root, 'in.docx'));
  const refused = await run(['import', 'in.docx', '-o', 'a.md'], root);
  expect(refused.code).toBe(1);
  expect(refused.err[0]).toBe('error: a.md exists; it is not replaced');
  expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('mine');
  expect((await run(['import', 'in.docx', '-o', 'a.md', '--force'], root)).code).toBe(0);
  expect(readFileSync(join(root, 'a.md'), 'utf8')).toMatch(/^---\ntitle: 夯实基础研究，助力科技“领跑”\n/);
  const self = await run(['import', 'in.docx', '-o', 'in.docx', '--force'], root);
  expect(self.err[0]).toBe('error: in.docx is the document being imported; it is never overwritten');
  expect(readdirSync(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
});

test('--issue writes NN-<slug>.md beside the other articles and appends it to the manifest, comments kept; the issue builds', async () => {
  const manifest = readFileSync(join(ISSUE_218, 'issue.yaml'), 'utf8').replace('articles:', 'articles:  # print order');
  const root = scratchIssue({ 'issues/1/issue.yaml': manifest.replace(/  - 0[2-5].*\n/g, '') });
  copyFileSync(join(ISSUE_218, '01-keji-chuangxin-yinling.md'), join(root, 'issues', '1', '01-keji-chuangxin-yinling.md'));
  const result = await run(['import', join(FIXTURES, '218-04-ai-quanqiu-zhili.docx'), '--issue', '1'], root);
  expect(result).toEqual({ code: 0, out: ['wrote issues/1/02-ren-gong-zhi-neng-ke-chi.md', 'wrote issues/1/issue.yaml'], err: [] });
  const written = readFileSync(join(root, 'issues', '1', 'issue.yaml'), 'utf8');
  expect(written).toContain('articles:  # print order\n  - 01-keji-chuangxin-yinling.md\n  - 02-ren-gong-zhi-neng-ke-chi.md\n');
  expect(written.startsWith('# yaml-language-server: $schema=../../schema/issue.schema.json\n')).toBe(true);
  expect((await run(['check', '1'], root)).code).toBe(0);
});

test('no other command loads the import room: a build requires none of its packages, import does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-import-room-'));
  const importRoom = ['jszip', 'mammoth', 'pinyin-pro'];
  expect(packagesLoaded(['build', '218', '-o', join(dir, '218.pdf')], importRoom)).toEqual({ status: 0, stderr: '', loaded: [] });
  expect(packagesLoaded(['import', join(FIXTURES, '218-04-ai-quanqiu-zhili.docx'), '-o', join(dir, 'a.md')], importRoom)).toMatchObject({ status: 0, loaded: importRoom });
});

test('bulletin import of a back issue (.txt, .pdf) writes an issue folder; without -o it says where it must go', async () => {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-import-issue-'));
  const seed = join(PACKAGE_ROOT, '..', 'shared', 'seed', '000_dff61195967c57f5.txt');
  const made = await run(['import', seed, '-o', 'issues/218'], root);
  expect(made.code).toBe(0);
  expect(made.out).toEqual([expect.stringMatching(/^wrote issues\/218\/ \(issue\.yaml, 01\.md, 02\.md, 03\.md, 04\.md, 05\.md\)$/)]);
  expect((await run(['build', '218'], root)).code).toBe(0);
  const refused = await run(['import', seed], root);
  expect(refused.code).toBe(1);
  expect(refused.err[0]).toMatch(/is a whole issue: it is imported into a folder$/);
});
