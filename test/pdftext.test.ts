import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPrintedPages } from '../src/pdftext/read.js';
import { nodeWorld } from '../src/world.js';

/** A one-page PDF as old archived ones are made: a Chinese font not embedded, text through the predefined CMap UniGB-UCS2-H. */
function unembeddedChinesePdf(text: string): Buffer {
  const hex = Buffer.from(text, 'utf16le').swap16().toString('hex').toUpperCase();
  const content = `BT /F1 24 Tf 72 700 Td <${hex}> Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = pdf.length;
    pdf += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// pdfjs in Node reads CMaps with fs.readFile(cMapUrl + name): given a file: URL it found none and
// extracted no text at all from such a PDF.
test('an archived PDF with an unembedded Chinese font extracts, through pdfjs-dist’s CMaps', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-pdftext-'));
  writeFileSync(join(dir, 'old.pdf'), unembeddedChinesePdf('中文测试'));
  const pages = await readPrintedPages(join(dir, 'old.pdf'), 'old.pdf', nodeWorld(dir));
  expect(pages.map((page) => page.lines.map((line) => line.text))).toEqual([['中文测试']]);
});

test('a file that is not a PDF is an error that names it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bulletin-pdftext-'));
  writeFileSync(join(dir, 'notes.pdf'), 'just text');
  await expect(readPrintedPages(join(dir, 'notes.pdf'), 'notes.pdf', nodeWorld(dir))).rejects.toThrow(/^cannot read notes\.pdf as a PDF: /);
  await expect(readPrintedPages(join(dir, 'missing.pdf'), 'missing.pdf', nodeWorld(dir))).rejects.toThrow('cannot read missing.pdf: no such file');
});
