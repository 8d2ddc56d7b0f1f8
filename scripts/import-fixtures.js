#!/usr/bin/env node
// Make test/fixtures/import/218-*.docx from issues/218: each article as an author would send it
// from Word — Title and Author styles, 开栏的话 with its paragraphs in an Intro style, the
// epigraph, 【摘要】 and 【关键词】 as labelled paragraphs, Heading 1/2 styles, body paragraphs
// indented with two full-width spaces, a real Word footnote for every citation (a source cited
// three times is three footnotes with the same text), and the （来源：…） line at the end.
// Needs pandoc. Run once and commit the output: `node scripts/import-fixtures.js`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const from = 'issues/218';
const to = 'test/fixtures/import';
mkdirSync(to, { recursive: true });

/** Text for pandoc's Markdown: its own syntax characters escaped. */
const escape = (text) => text.replace(/([\\*_[\]^~@<>#`$|])/g, '\\$1');
const INDENT = '\u3000\u3000';

for (const name of readdirSync(from).filter((f) => f.endsWith('.md'))) {
  const [, yamlText, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(readFileSync(join(from, name), 'utf8'));
  const front = parse(yamlText);
  const definitions = new Map();
  for (const [, label, text] of body.matchAll(/^\[\^([^\]]+)\]: (.*)$/gm)) definitions.set(label, text);
  const notes = [];
  const inline = (text) =>
    text
      .split(/(\[\^[^\]]+\])/)
      .map((part) => {
        const ref = /^\[\^([^\]]+)\]$/.exec(part);
        if (!ref) return escape(part);
        notes.push(definitions.get(ref[1]));
        return `[^n${notes.length}]`;
      })
      .join('');
  const out = ['---', 'title: |'];
  for (const [i, line] of front.title.split('\n').entries()) out.push(`  ${escape(line)}${i < front.title.split('\n').length - 1 ? '\\' : ''}`);
  out.push(`author: "${front.byline}"`, '---', '');
  if (front.intro) {
    out.push('开栏的话', '', '::: {custom-style="Intro"}');
    for (const p of front.intro.split(/\n\s*\n/)) out.push(INDENT + escape(p.trim()), '');
    out.push(':::', '');
  }
  if (front.epigraph) out.push(INDENT + escape(front.epigraph), '', `——${escape(front.epigraph_source)}`, '');
  if (front.abstract) out.push(`【摘要】${escape(front.abstract)}`, '');
  if (front.keywords) out.push(`【关键词】${front.keywords.map(escape).join('；')}`, '');
  for (const block of body.split(/\n\s*\n/)) {
    const line = block.trim();
    if (!line || line.startsWith('[^')) continue;
    const heading = /^(#+) (.*)$/.exec(line);
    out.push(heading ? `${heading[1]} ${inline(heading[2])}` : INDENT + inline(line), '');
  }
  out.push(`${INDENT}（来源：${escape(front.source)}）`, '');
  notes.forEach((text, i) => out.push(`[^n${i + 1}]: ${escape(text)}`, ''));
  const target = join(to, `218-${name.replace(/\.md$/, '.docx')}`);
  execFileSync('pandoc', ['-f', 'markdown-smart-auto_identifiers', '-t', 'docx', '-o', target], { input: out.join('\n') });
  console.log(`wrote ${target}, ${notes.length} footnotes`);
}

// What an article cannot carry, each at a known paragraph, and text for the punctuation fixes.
// Paragraphs of the .docx: 1 title, 2 byline, 3 bold run-in, 4 image, 5 its caption, 6 comment,
// 7 tracked changes, 8–9 the table's two cells, 10 ASCII punctuation, 11 source.
const pixel = join(to, '.pixel.png');
execFileSync('sh', ['-c', `printf '\\211PNG\\r\\n\\032\\n\\0\\0\\0\\rIHDR\\0\\0\\0\\1\\0\\0\\0\\1\\10\\6\\0\\0\\0\\37\\25\\304\\211\\0\\0\\0\\rIDATx\\234c\\370\\377\\377?\\0\\5\\376\\2\\376\\247\\65\\201\\204\\0\\0\\0\\0IEND\\256B\\140\\202' > ${pixel}`]);
const warnings = [
  '---',
  'title: 导入警告样例',
  'author: 张三',
  '---',
  '',
  '**首先，**这一段有粗体的领起语。',
  '',
  `![图一](${pixel})`,
  '',
  '这一段有[批注的文字]{.comment-start id="1" author="审稿人" date="2025-12-01T00:00:00Z"}请核实[]{.comment-end id="1"}。',
  '',
  '这一段有[新加的字]{.insertion author="编辑" date="2025-12-01T00:00:00Z"}和[删去的字]{.deletion author="编辑" date="2025-12-01T00:00:00Z"}。',
  '',
  '| 指标 |',
  '|------|',
  '| 数值 |',
  '',
  '科技,创新.人才(试行)。',
  '',
  '（来源：测试来源）',
  '',
];
execFileSync('pandoc', ['-f', 'markdown-smart-auto_identifiers', '-t', 'docx', '-o', join(to, 'warnings.docx')], { input: warnings.join('\n') });
execFileSync('rm', [pixel]);
console.log(`wrote ${join(to, 'warnings.docx')}`);
