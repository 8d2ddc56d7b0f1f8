import JSZip from 'jszip';
import { shapeArticle } from '../src/import/article.js';
import { importDocx } from '../src/import/docx.js';
import { decodeHtml } from '../src/import/html.js';
import { findParagraph, scanDocumentXml } from '../src/import/docx-scan.js';
import { fixPunctuation } from '../src/import/fixes.js';
import { appendArticle, slugOf } from '../src/import/issue-file.js';
import { parseHtml, toMdast } from '../src/import/tomdast.js';
import { writeArticle } from '../src/import/write.js';

const p = (inner: string) => `<w:p><w:r>${inner}</w:r></w:p>`;
const t = (text: string) => `<w:t>${text}</w:t>`;

test('docx scan: paragraphs counted as Word has them, empty ones included; each finding at its paragraph', () => {
  const xml = `<?xml version="1.0"?><w:document><w:body>${p(t('标题'))}<w:p/>${p(`${t('图')}<w:drawing><wp:inline/></w:drawing>`)}<w:tbl><w:tr><w:tc>${p(t('格'))}</w:tc></w:tr></w:tbl>${p(`<w:commentRangeStart w:id="3"/>${t('评&amp;注')}<w:commentRangeEnd w:id="3"/><w:commentReference w:id="3"/>`)}<w:p><w:ins w:id="1"><w:r>${t('加')}</w:r></w:ins><w:del w:id="2"><w:r><w:delText>删</w:delText></w:r></w:del></w:p></w:body></w:document>`;
  const scan = scanDocumentXml(xml);
  expect(scan.paragraphs).toEqual(['标题', '', '图', '格', '评&注', '加']);
  expect(scan.findings.map((f) => [f.paragraph, f.what])).toEqual([
    [3, 'an image'],
    [4, 'a table'],
    [5, 'a comment'],
    [6, 'a tracked insertion'],
    [6, 'a tracked deletion'],
  ]);
});

test('docx scan: an image inside a table is not named again; a drawing holding text is a text box; centred paragraphs', () => {
  const centred = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>题</w:t></w:r></w:p>';
  const xml = `<w:body>${centred}<w:tbl><w:tc>${p('<w:drawing/>')}</w:tc></w:tbl>${p(`<w:drawing><w:txbxContent>${p(t('框'))}</w:txbxContent></w:drawing>`)}</w:body>`;
  const scan = scanDocumentXml(xml);
  expect(scan.findings.map((f) => [f.paragraph, f.what])).toEqual([
    [2, 'a table'],
    [3, 'a text box'],
  ]);
  expect(scan.centred).toEqual([1]);
});

test('findParagraph: by the text without spaces, from a paragraph on; a part of a paragraph when no whole one matches', () => {
  const paragraphs = ['　　正文 一', '', '正文二', '正文一'];
  expect(findParagraph(paragraphs, '正文一')).toBe(1);
  expect(findParagraph(paragraphs, '正文一', 2)).toBe(4);
  expect(findParagraph(paragraphs, '文二')).toBe(3);
  expect(findParagraph(paragraphs, '')).toBeUndefined();
  expect(findParagraph(paragraphs, '无')).toBeUndefined();
});

test('punctuation fixes: ASCII , between hanzi, . in Chinese text, ( ) around Chinese; Latin text untouched', () => {
  expect(fixPunctuation('科技, 创新,人才.改革(试行)')).toEqual({
    text: '科技，创新，人才。改革（试行）',
    fixes: ['ASCII “,” between Chinese characters became “，” (2 times)', 'a full stop “.” in Chinese text became “。”', 'half-width “( )” around Chinese text became “（ ）”'],
  });
  expect(fixPunctuation('GPT-4 (OpenAI), v1.2 与 AI.')).toEqual({ text: 'GPT-4 (OpenAI), v1.2 与 AI.', fixes: [] });
});

test('slugOf: the first six syllables of the title in pinyin, Latin words lower-cased', () => {
  expect(slugOf('以科技创新引领新质生产力发展')).toBe('yi-ke-ji-chuang-xin-yin');
  expect(slugOf('AI 治理')).toBe('ai-zhi-li');
  expect(slugOf('——')).toBe('article');
});

test('appendArticle: one line after the last article, indented like it; comments and the rest byte for byte', () => {
  const manifest = '# top\narticles: # order\n  - a.md   # first\n  # between\n  - "b.md"\ntexts:\n  x: y\n';
  expect(appendArticle(manifest, '03-c.md')).toBe('# top\narticles: # order\n  - a.md   # first\n  # between\n  - "b.md"\n  - 03-c.md\ntexts:\n  x: y\n');
  expect(appendArticle('articles:\n- a.md', 'b.md')).toBe('articles:\n- a.md\n- b.md\n');
  expect(appendArticle('articles: [a.md]\n', 'b.md')).toBeUndefined();
});

async function shape(html: string) {
  return shapeArticle(await toMdast(parseHtml(html)), (node) => ({ file: 'x.html', line: node.position?.start.line }));
}

test('without styles: 开栏的话 takes the one paragraph after it, and says so; ——《…》 takes the paragraph before it as the epigraph', async () => {
  const article = await shape('<p><strong>标题</strong></p><p>作者：张三</p><p>开栏的话</p><p>　　导语。</p><p>“引文。”</p><p>——《文献》</p>\n<p>【摘要】摘要文字。</p><p>【关键词】甲；乙 丙；丁</p><p>正文。</p><p>（来源：某报）</p>');
  expect(article.front).toEqual({ title: '标题', byline: '张三', intro: ['导语。'], epigraph: '“引文。”', epigraphSource: '《文献》', abstract: '摘要文字。', keywords: ['甲', '乙 丙', '丁'], source: '某报' });
  expect(article.warnings.map((w) => w.message)).toEqual(['took the one paragraph after 开栏的话 as the intro (开栏的话); in Word, give every paragraph of it the Intro style to take more']);
});

test('without styles: 一、 makes a level-1 heading and （一） or ◆ a level-2 one, when short and no sentence ends inside', async () => {
  const article = await shape('<h1>标题</h1><p>张三</p><p>一、总体要求</p><p>（一）<strong>基本原则</strong></p><p>◆ 做法</p><p>一、这是一段正文。它很长，有句号。</p><p>（来源：某报）</p>');
  expect(writeArticle(article)).toBe('---\ntitle: 标题\nbyline: 张三\nsource: 某报\n---\n\n# 一、总体要求\n\n## （一）基本原则\n\n## ◆ 做法\n\n一、这是一段正文。它很长，有句号。\n');
});

test('a document without title, byline or source says which fields to fill in', async () => {
  const article = await shape('<p>只有一段正文，没有别的。</p>');
  expect(article.warnings.map((w) => w.message)).toEqual([
    'found no title; the front matter has an empty “title” to fill in',
    'found no byline; the front matter has an empty “byline” to fill in',
    'found no source (a （来源：…） line); the front matter has an empty “source” to fill in',
  ]);
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** The smallest .docx mammoth reads: a body of WordprocessingML paragraphs, and endnotes if given (test data). */
async function docx(body: string, endnotes?: string): Promise<Uint8Array> {
  const zip = new JSZip();
  if (endnotes) {
    zip.file('word/_rels/document.xml.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes" Target="endnotes.xml"/></Relationships>');
    zip.file('word/endnotes.xml', `<?xml version="1.0"?><w:endnotes ${W}>${endnotes}</w:endnotes>`);
  }
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
  zip.file('_rels/.rels', '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
  zip.file('word/document.xml', `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:body>${body}</w:body></w:document>`);
  return zip.generateAsync({ type: 'uint8array' });
}

test('a .docx without a Title style: a centred first paragraph is the title, a short line of names after it the byline', async () => {
  const centred = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>居中的标题</w:t></w:r></w:p>';
  const article = await importDocx(await docx(`<w:p/>${centred}${p(t('张三 李四'))}${p(t('　　一、总体要求'))}${p(t('正文。'))}${p(t('（来源：某报）'))}`), 'a.docx');
  expect(article.front).toEqual({ title: '居中的标题', byline: '张三 李四', source: '某报', intro: [], keywords: [] });
  expect(article.body.map((b) => b.type)).toEqual(['heading', 'paragraph']);
  expect(article.warnings).toEqual([]);
});

test('a .docx text box: its text is read where it is anchored, and a warning names its paragraph', async () => {
  const box = p(`<w:drawing><wps:txbx><w:txbxContent>${p(t('框里的字'))}</w:txbxContent></wps:txbx></w:drawing>`);
  const article = await importDocx(await docx(`${p(t('正文。'))}${box}`), 'a.docx');
  expect(article.warnings[0]).toEqual({ severity: 'warning', message: 'a text box is read into the text where it is anchored; check that its text belongs there (paragraph 2)', pos: { file: 'a.docx', line: 2 } });
});

test('a page in GBK that says so in its meta tag is read; one in no encoding it names is refused with the byte', () => {
  const gbk = Buffer.concat([Buffer.from('<meta charset="gb2312"><p>'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), Buffer.from('</p>')]);
  expect(decodeHtml(gbk, 'a.html')).toBe('<meta charset="gb2312"><p>中文</p>');
  expect(() => decodeHtml(gbk.subarray(24), 'a.html')).toThrow('the page is not UTF-8 and names no Chinese encoding: invalid byte 0xd0 at byte offset 3');
});

test('Word endnotes become footnotes too, and endnotes with the same text one definition', async () => {
  const ref = (id: number) => `<w:r><w:endnoteReference w:id="${id}"/></w:r>`;
  const note = (id: number, text: string) => `<w:endnote w:id="${id}">${p(t(text))}</w:endnote>`;
  const article = await importDocx(await docx(`<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>题</w:t></w:r></w:p><w:p><w:r><w:t>甲，</w:t></w:r>${ref(1)}<w:r><w:t>乙，</w:t></w:r>${ref(2)}<w:r><w:t>丙。</w:t></w:r>${ref(3)}</w:p>`, `${note(1, '《书》。')}${note(2, '《报》。')}${note(3, '《书》。')}`), 'a.docx');
  expect(writeArticle(article).split('---\n\n')[1]).toBe('甲，[^1]乙，[^2]丙。[^1]\n\n[^1]: 《书》。\n\n[^2]: 《报》。\n');
});
