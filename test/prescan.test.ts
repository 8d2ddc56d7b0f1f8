import { MAX_MARKS, MAX_NESTING, MAX_RUN, prescan } from '../src/markdown/prescan.js';

const front = '---\ntitle: 题\nbyline: 张\nsource: 源\n---\n\n';
/** Where prescan refuses `body` (line:column, the body starting on line 7), or 'ok'. */
const verdict = (body: string) => {
  try {
    prescan('a.md', front + body);
    return 'ok';
  } catch (error) {
    const { pos, message } = error as { pos: { line: number; column: number }; message: string };
    return `${pos.line}:${pos.column} ${message}`;
  }
};

test.each([
  ['block quotes at the limit', `${'>'.repeat(MAX_NESTING)} 引`, 'ok'],
  ['one block quote more', `${'>'.repeat(MAX_NESTING + 1)} 引`, '7:33 block quotes or lists nested more than 32 deep'],
  ['spaced block quotes: a space is half a level', `${'> '.repeat(22)}引`, '7:44 block quotes or lists nested more than 32 deep'],
  ['ordered list markers count as levels', `${'1. '.repeat(25)}项`, '7:66 block quotes or lists nested more than 32 deep'],
  ['indentation alone, as a nested list has it', `${' '.repeat(66)}- 项`, '7:66 block quotes or lists nested more than 32 deep'],
  ['a run at the limit', `${'*'.repeat(MAX_RUN)}字`, 'ok'],
  ['a run one longer', `字${'_'.repeat(MAX_RUN + 1)}`, '7:2 a run of 33 “_” is longer than 32'],
  ['escaped marks do not count', '\\*'.repeat(MAX_MARKS + 10), 'ok'],
  ['marks at the limit: a run of ** is one mark', '**a '.repeat(MAX_MARKS), 'ok'],
  ['one mark more', `${'**a '.repeat(MAX_MARKS)}[`, '7:1025 more than 256 emphasis marks (* _ ~) and brackets in one paragraph'],
  ['a blank line starts a new count', `${'[]'.repeat(MAX_MARKS / 2)}\n\n${'[]'.repeat(MAX_MARKS / 2)}`, 'ok'],
  ['a line break does not', `${'[]'.repeat(MAX_MARKS / 2)}\n[`, '8:1 more than 256 emphasis marks (* _ ~) and brackets in one paragraph'],
  ['a thematic break of spaced stars is not nesting', '* * *', 'ok'],
  ['Chinese text with no marks', '正文。'.repeat(10_000), 'ok'],
])('%s', (_name, body, expected) => {
  expect(verdict(body)).toBe(expected);
});

test('the front matter is YAML, not Markdown: not scanned, lines still counted', () => {
  expect(verdict('正文。')).toBe('ok');
  expect(() => prescan('a.md', `---\ntitle: "${'*'.repeat(100)}"\nbyline: 张\nsource: 源\n---\n\n正文。\n`)).not.toThrow();
  expect(() => prescan('a.md', `---\ntitle: 题\n---\n\n${'*'.repeat(100)}\n`)).toThrow(expect.objectContaining({ pos: { file: 'a.md', line: 5, column: 1 } }));
});

test('regression: a block closed by ... is not front matter to the parser, so it is scanned', () => {
  expect(() => prescan('a.md', `---\ntitle: ${'*'.repeat(100)}\n...\n\n正文。\n`)).toThrow(expect.objectContaining({ pos: expect.objectContaining({ file: 'a.md', line: 2 }) }));
});

test('a file without a closing front-matter line is scanned from the start', () => {
  expect(() => prescan('a.md', `---\n${'>'.repeat(40)}\n`)).toThrow(expect.objectContaining({ pos: { file: 'a.md', line: 2, column: 33 } }));
});
