import { spawnSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../src/world.js';

// patches/restructure+3.0.2.patch: DecodeStream.readString made a TextDecoder per string, each
// (but UTF-8's) setting up an ICU converter: 1,098 of them opening issue 218's fonts (a string
// per table of each font's directory, the name and CFF strings), ≈1 ms. One decoder per encoding
// is reused; a decode() that is not streamed starts afresh, byte order mark included.
const strings = `
const made = [];
globalThis.TextDecoder = class extends TextDecoder { constructor(encoding) { made.push(encoding); super(encoding); } };
const stream = new DecodeStream(Buffer.from([0x68, 0x65, 0x61, 0x64, 0xfe, 0xff, 0x4e, 0x2d, 0xfe, 0xff, 0x00, 0x41, 0x00, 0x42, 0x6e, 0x61, 0x6d, 0x65]));
const read = [stream.readString(4), stream.readString(4, 'utf16be'), stream.readString(4, 'utf16be'), stream.readString(2, 'utf16be'), stream.readString(4, 'ascii')];
process.stdout.write(JSON.stringify({ read, made }));`;

test.each([
  ['the ES module build (what bundling and import take)', ['--input-type=module', '-e', `import { DecodeStream } from 'restructure';${strings}`]],
  ['the CommonJS build', ['-e', `const { DecodeStream } = require('restructure');${strings}`]],
])('restructure reads strings through one decoder per encoding, each string decoded afresh: %s (restructure patch)', (_build, args) => {
  const child = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(JSON.parse(child.stdout)).toEqual({ read: ['head', '中', 'A', 'B', 'name'], made: ['ascii', 'utf-16be'] });
});
