import { codeUnits } from './charclass.js';
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
  // Called for every piece an issue measures: no arrays or closures made here, and indexed loops,
  // as unoptimised code (bin/bulletin.js runs --no-opt) allocates a result for each step of a for…of.
  for (let i = 0; i < preferred.length; i++) if (hasAll(text, fonts.get(preferred[i]))) return preferred[i];
  for (let i = 0; i < fallback.length; i++) if (hasAll(text, fonts.get(fallback[i]))) return fallback[i];
  return undefined;
}

function hasAll(text: string, face: FaceMetrics | undefined): boolean {
  if (!face) return false;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    if (!face.has(cp)) return false;
    i += codeUnits(cp);
  }
  return true;
}
