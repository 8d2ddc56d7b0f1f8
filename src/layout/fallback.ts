import type { FaceMetrics, FontBook } from './types.js';

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
  // Called for every character of an issue: no arrays or closures made here.
  for (const id of preferred) if (hasAll(text, fonts.get(id))) return id;
  for (const id of fallback) if (hasAll(text, fonts.get(id))) return id;
  return undefined;
}

function hasAll(text: string, face: FaceMetrics | undefined): boolean {
  if (!face) return false;
  for (const ch of text) if (!face.has(ch.codePointAt(0)!)) return false;
  return true;
}
