import type { FontBook } from './types.js';

/**
 * The face that sets `text`: the first of `preferred` then `fallback` that has every character.
 * Undefined when none has them all; the caller reports the character.
 */
export function chooseFace(
  text: string,
  preferred: readonly string[],
  fallback: readonly string[],
  fonts: FontBook,
): string | undefined {
  for (const id of [...preferred, ...fallback]) {
    const face = fonts.get(id);
    if (face && everyCodePoint(text, (cp) => face.has(cp))) return id;
  }
  return undefined;
}

function everyCodePoint(text: string, test: (cp: number) => boolean): boolean {
  for (const ch of text) if (!test(ch.codePointAt(0)!)) return false;
  return true;
}
