#!/usr/bin/env node
// Does a PDF print what another printed? Compares two PDFs as a reader sees them: the embedded
// font programs (FontFile2/FontFile3 streams, inflated), pdftotext's text and every page's
// pixels at 150 dpi (pdftoppm; poppler-utils). Exit status 0 when all three agree.
// Usage: node scripts/compare-print.js old.pdf new.pdf
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const [oldPdf, newPdf] = process.argv.slice(2);
if (!oldPdf || !newPdf) {
  console.error('usage: node scripts/compare-print.js old.pdf new.pdf');
  process.exit(2);
}

/** sha256 of each embedded font program, in object order (pdfkit writes uncompressed object dictionaries). */
function fontPrograms(file) {
  const pdf = readFileSync(file);
  const text = pdf.toString('latin1');
  const refs = [...text.matchAll(/\/FontFile[23] (\d+) 0 R/g)].map((m) => Number(m[1]));
  return refs.map((n) => {
    const start = text.indexOf(`\n${n} 0 obj`);
    const streamAt = text.indexOf('stream\n', start) + 'stream\n'.length;
    const length = Number(/\/Length (\d+)/.exec(text.slice(start, streamAt))[1]);
    const raw = pdf.subarray(streamAt, streamAt + length);
    const filtered = /\/Filter \/FlateDecode/.test(text.slice(start, streamAt));
    return createHash('sha256').update(filtered ? inflateSync(raw) : raw).digest('hex');
  });
}

function pages(file, dir) {
  execFileSync('pdftoppm', ['-r', '150', file, join(dir, 'p')]);
  return readdirSync(dir).sort().map((name) => createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'));
}

const text = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { maxBuffer: 1 << 28 }).toString('utf8');
const work = mkdtempSync(join(tmpdir(), 'compare-print-'));
try {
  const [fontsA, fontsB] = [fontPrograms(oldPdf), fontPrograms(newPdf)];
  const fontsSame = fontsA.length === fontsB.length && fontsA.every((h, i) => h === fontsB[i]);
  const textSame = text(oldPdf) === text(newPdf);
  const [pagesA, pagesB] = [pages(oldPdf, mkdtempSync(join(work, 'a-'))), pages(newPdf, mkdtempSync(join(work, 'b-')))];
  const differing = pagesA.flatMap((h, i) => (h === pagesB[i] ? [] : [i + 1]));
  const pagesSame = pagesA.length === pagesB.length && differing.length === 0;
  console.log(`font programs: ${fontsA.length} and ${fontsB.length}, ${fontsSame ? 'byte-identical' : 'DIFFERENT'}`);
  console.log(`pdftotext:     ${textSame ? 'identical' : 'DIFFERENT'}`);
  console.log(`pages at 150 dpi: ${pagesA.length} and ${pagesB.length}, ${pagesSame ? 'pixel-identical' : `DIFFERENT (pages ${differing.join(', ')})`}`);
  process.exitCode = fontsSame && textSame && pagesSame ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
