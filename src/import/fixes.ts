/**
 * Punctuation a Chinese text should not have, as GB/T 15834-2011 sets it: full-width marks
 * between Chinese characters. Each fix is made and reported, never silently.
 */
const FIXES: { pattern: RegExp; replace: string; what: string }[] = [
  { pattern: /(?<=\p{Script=Han})\s*,\s*(?=\p{Script=Han})/gu, replace: '，', what: 'ASCII “,” between Chinese characters became “，”' },
  { pattern: /(?<=\p{Script=Han})\.(?=\p{Script=Han}|\s*$)/gu, replace: '。', what: 'a full stop “.” in Chinese text became “。”' },
  { pattern: /\(([^()]*\p{Script=Han}[^()]*)\)/gu, replace: '（$1）', what: 'half-width “( )” around Chinese text became “（ ）”' },
];

/** The text with its fixes made, and a description of each kind made (with how many times). */
export function fixPunctuation(text: string): { text: string; fixes: string[] } {
  const fixes: string[] = [];
  for (const fix of FIXES) {
    const count = text.match(fix.pattern)?.length ?? 0;
    if (count === 0) continue;
    text = text.replace(fix.pattern, fix.replace);
    fixes.push(count === 1 ? fix.what : `${fix.what} (${count} times)`);
  }
  return { text, fixes };
}
