import { basename, dirname, join } from 'node:path';
import type { Template } from '../manifest/types.js';
import type { LoadedFace } from './fontbook.js';
import type { World } from '../world.js';

export interface FaceReport {
  face: string;
  file: string;
  family: string;
  glyphs: number;
  licence: string;
}

/** Each face of a template: its file, family, glyph count and the licence file beside it. */
export function reportFaces(template: Template, faces: ReadonlyMap<string, LoadedFace>, fontFiles: ReadonlyMap<string, string>, world: World): FaceReport[] {
  return Object.keys(template.faces).map((id) => {
    const face = faces.get(id)!;
    const file = fontFiles.get(id)!;
    const folder = dirname(file);
    const stem = basename(file).toLowerCase();
    const licence = world
      .listDir(folder)
      .filter((name) => /licen[cs]e|ofl|gust/i.test(name) && stem.startsWith(name.split('.')[0].toLowerCase()))
      .map((name) => join(folder, name))[0];
    return { face: id, file, family: face.font.familyName, glyphs: face.font.numGlyphs, licence: licence ?? '(no licence file found beside it)' };
  });
}
