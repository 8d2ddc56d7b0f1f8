import { spawnSync } from 'node:child_process';
import { PACKAGE_ROOT } from '../src/world.js';

// patches/unicode-trie+2.0.0.patch: a trie's data was inflated by tiny-inflate, in JavaScript;
// importing fontkit builds unicode-properties' trie, ≈12 ms of every start-up. Node's own inflate
// reads the same raw DEFLATE data.
test('a trie is inflated by zlib, not tiny-inflate, and reads back what was stored (unicode-trie patch)', () => {
  const script = `
const inflate = require('tiny-inflate');
require.cache[require.resolve('tiny-inflate')].exports = (...args) => (process.stdout.write('tiny-inflate '), inflate(...args));
const UnicodeTrie = require('unicode-trie');
const Builder = require('unicode-trie/builder');
const builder = new Builder(7, 99);
builder.setRange(0x4e00, 0x9fff, 3);
builder.set(0x41, 1);
builder.set(0x1f600, 2);
builder.setRange(0x20000, 0x2a6df, 3);
const trie = new UnicodeTrie(builder.toBuffer());
process.stdout.write(JSON.stringify([0x41, 0x42, 0x4e00, 0x9fff, 0xa000, 0x1f600, 0x2a6df, 0x2a6e0, 0x110000].map((c) => trie.get(c))));`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.stdout).toBe('[1,7,3,3,7,2,3,7,99]');
});

// patches/unicode-properties+1.4.1.patch: its trie's base64 text was decoded by base64-js, a
// loop in JavaScript, at every start-up; Node's Buffer decodes it natively (same 1.1 M values).
test('unicode-properties decodes its trie without base64-js, and still knows what it knew (unicode-properties patch)', () => {
  const script = `
const base64 = require('base64-js');
const toByteArray = base64.toByteArray;
base64.toByteArray = (...args) => (process.stdout.write('base64-js '), toByteArray(...args));
const { getScript, getCategory, getEastAsianWidth, isMark } = require('unicode-properties');
process.stdout.write(JSON.stringify([getScript(0x4e2d), getScript(0x41), getCategory(0x41), getCategory(0x3002), getEastAsianWidth(0x4e2d), isMark(0x301)]));`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.stdout).toBe('["Han","Latin","Lu","Po","W",true]');
});

// The same patch: the trie is built on the first lookup, not on import, so that a build, which
// imports fontkit but asks no character's properties (fontkit patch: a glyph's isMark is worked
// out when asked), does not pay for it: ≈4 ms of a cold build of 218.
test('unicode-properties builds its trie on the first lookup, not on import (unicode-properties patch)', () => {
  const script = `
const UnicodeTrie = require('unicode-trie');
require.cache[require.resolve('unicode-trie')].exports = class extends UnicodeTrie {
  constructor(...args) { process.stdout.write('built '); super(...args); }
};
const { getCategory } = require('unicode-properties');
process.stdout.write('imported ');
process.stdout.write(getCategory(0x4e2d) + ' ' + getCategory(0x41));`;
  const child = spawnSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
  expect(child.stderr).toBe('');
  expect(child.stdout).toBe('imported built Lo Lu');
});

