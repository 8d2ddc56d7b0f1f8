import { resolve } from 'node:path';
import { readPrintedPages } from '../pdftext/read.js';
import type { World } from '../world.js';
import { comparePrinted, type Comparison } from './compare.js';
import { withoutFurniture } from '../pdftext/furniture.js';

export type { Comparison } from './compare.js';

/** `bulletin compare <original.pdf> <rebuilt.pdf>`: the two PDFs' text and page breaks compared. */
export async function comparePdfs(original: string, rebuilt: string, world: World): Promise<Comparison> {
  const read = async (file: string) => ({ file, pages: withoutFurniture(await readPrintedPages(resolve(world.cwd, file), file, world)) });
  return comparePrinted(await read(original), await read(rebuilt));
}
