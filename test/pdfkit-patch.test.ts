import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';

/** The bytes of a small document made with `draw`. */
function documentBytes(options: PDFKit.PDFDocumentOptions, draw: (pdf: PDFKit.PDFDocument) => void): Promise<Buffer> {
  const pdf = new PDFDocument(options);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  draw(pdf);
  pdf.end();
  return done;
}

// patches/pdfkit+0.20.2.patch: pdfkit imported its AES cipher, line breaker and PNG decoder
// on load, for encryption, wrapped text and PNG images, none of which bulletin uses.
test('pdfkit loads its AES cipher, line breaker and PNG decoder only when used (pdfkit patch)', async () => {
  const source = readFileSync(createRequire(import.meta.url).resolve('pdfkit').replace(/pdfkit\.js$/, 'pdfkit.node.mjs'), 'utf8');
  expect(source.match(/^import .* from '(@noble\/ciphers\/aes|linebreak|png-js)';$/gm)).toBeNull();
  // Still there when used: wrapping and AES-256 encryption.
  const wrapped = await documentBytes({ userPassword: 'x', pdfVersion: '1.7ext3' }, (pdf) => pdf.text('wrapped text, long enough to wrap', { width: 60 }));
  expect(wrapped.toString('latin1')).toContain('/Encrypt');
});

// patches/pdfkit+0.20.2.patch: pdfkit sorted a name tree's keys with localeCompare, whose first
// call sets up ICU's collator (≈9 ms of every build, for a dozen named destinations); ISO 32000-1
// §7.9.6 wants the keys in lexical order, which is the order of their code units here.
test('a name tree’s keys are sorted by code unit, not by locale (pdfkit patch)', async () => {
  const bytes = await documentBytes({ compress: false }, (pdf) => {
    for (const name of ['b', 'B', 'a']) pdf.addNamedDestination(name);
  });
  const keys = [...bytes.toString('latin1').matchAll(/^ {4}\(([abB])\) /gm)].map((match) => match[1]);
  expect(keys).toEqual(['B', 'a', 'b']);
});

// patches/pdfkit+0.20.2.patch: every line of a content stream and every object went through a
// JavaScript loop turning a string into bytes; Node's latin1 encoder does the same in native code.
test('pdfkit turns strings into bytes with Node’s latin1 encoder (pdfkit patch)', async () => {
  const source = readFileSync(createRequire(import.meta.url).resolve('pdfkit').replace(/pdfkit\.js$/, 'pdfkit.node.mjs'), 'utf8');
  expect(source).toContain("const fromBinaryString = str => Buffer.from(str, 'latin1');");
  // Each code unit's low byte, as before: a content line with a character above U+00FF.
  const bytes = await documentBytes({ compress: false }, (pdf) => pdf.addContent('% \u00e9\u0141'));
  expect(bytes.includes(Buffer.from('% \xe9\x41\n', 'latin1'))).toBe(true);
});

// patches/pdfkit+0.20.2.patch: every content line became a Buffer of its own, hundreds a page,
// concatenated when the page was written; the lines are now kept as strings, each line end a chunk
// of its own (line + '\n' was a string to flatten again), and written into one buffer together
// with any bytes between them, without joining the page's strings first.
test('a page’s content lines are written into bytes together, when the page is written (pdfkit patch)', async () => {
  let kept: unknown[] = [];
  const bytes = await documentBytes({ compress: false }, (pdf) => {
    pdf.addContent('% first').addContent('% second');
    const content = (pdf as unknown as { page: { content: { buffer: unknown[]; write(chunk: unknown): void } } }).page.content;
    kept = [...content.buffer];
    content.write(Buffer.from('% bytes\n'));
    content.write('% third \u00e9\u0141');
  });
  expect(kept.slice(-4)).toEqual(['% first', '\n', '% second', '\n']);
  expect(bytes.includes(Buffer.from('% first\n% second\n% bytes\n% third \xe9\x41\n', 'latin1'))).toBe(true);
});

// patches/pdfkit+0.20.2.patch: a stream could only be deflated by pdfkit's deflateSync, there and
// then; a document's deflate option makes its streams (bulletin's font programs are deflated
// while the pages are drawn, see src/render/programs.ts).
test('a document deflates its streams through its deflate option (pdfkit patch)', async () => {
  const given: string[] = [];
  const deflate = (bytes: Uint8Array) => {
    given.push(Buffer.from(bytes).toString('latin1'));
    return deflateSync(bytes);
  };
  const bytes = await documentBytes({ deflate } as PDFKit.PDFDocumentOptions, (pdf) => pdf.addContent('% drawn'));
  expect(given.some((stream) => stream.includes('% drawn\n'))).toBe(true);
  const plain = await documentBytes({}, (pdf) => pdf.addContent('% drawn'));
  expect(bytes.length).toBe(plain.length);
});

// patches/pdfkit+0.20.2.patch: each line and object of a document became a Buffer of its own,
// pushed through the stream (thousands for issue 218); a document's write option takes them
// instead, lines as strings, and the stream only ends.
test('a document with a write option writes its bytes there, the same bytes (pdfkit patch)', async () => {
  const options = { info: { CreationDate: new Date(0) }, compress: false };
  const draw = (pdf: PDFKit.PDFDocument) => pdf.addContent('% drawn \u00e9\u0141');
  const chunks: Buffer[] = [];
  const write = (data: Uint8Array | string) => {
    const bytes = typeof data === 'string' ? Buffer.from(`${data}\n`, 'latin1') : Buffer.from(data);
    chunks.push(bytes);
    return bytes.length;
  };
  let pushed = 0;
  const pdf = new PDFDocument({ ...options, write } as PDFKit.PDFDocumentOptions);
  pdf.on('data', () => pushed++);
  const ended = new Promise((resolve) => pdf.on('end', resolve));
  draw(pdf);
  pdf.end();
  await ended;
  expect(pushed).toBe(0);
  expect(Buffer.concat(chunks).equals(await documentBytes(options, draw))).toBe(true);
});

// Added to PDFDocument.prototype one by one, the mixins' 141 methods copied the prototype's
// descriptor array at each addition (124 of them): ≈0.33 MB of old space every time pdfkit was loaded.
test('pdfkit’s mixin methods sit on one prototype between PDFDocument’s and Readable’s, every one reachable (pdfkit patch)', () => {
  const own = Object.getOwnPropertyNames(PDFDocument.prototype);
  const mixedIn = Object.getPrototypeOf(PDFDocument.prototype) as object;
  expect(own).not.toContain('text');
  expect(Object.getOwnPropertyNames(mixedIn)).toEqual(expect.arrayContaining(['text', 'font', 'fillColor', 'save', 'goTo', 'markStructureContent']));
  expect(Object.getPrototypeOf(mixedIn)).toBe(createRequire(import.meta.url)('node:stream').Readable.prototype);
  const pdf = new PDFDocument({ autoFirstPage: false });
  for (const name of Object.getOwnPropertyNames(mixedIn)) expect(name in pdf).toBe(true);
});
