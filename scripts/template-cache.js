#!/usr/bin/env node
// Writes dist/templates/<name>.json for each packaged template (templates/<name>/template.yaml):
// the template read and checked, with the text it was read from, so that a build need not parse
// the YAML again while the file holds that text (src/manifest/template-cache.ts). Run by
// scripts/bundle.js right after bundling, so that the cache is made by the reader just bundled. A
// template the cache would not give back value for value is left out, and parsed as before.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTemplate } from '../dist/src/manifest/template.js';
import { cacheTemplate, templateCachePath } from '../dist/src/manifest/template-cache.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist', 'templates'), { recursive: true, force: true });
for (const name of readdirSync(join(root, 'templates'))) {
  const file = join('templates', name, 'template.yaml');
  if (!existsSync(join(root, file))) continue;
  const text = readFileSync(join(root, file), 'utf8');
  let json;
  try {
    json = cacheTemplate(parseTemplate(file, text), text);
  } catch {
    continue; // a template with errors is left to the build that uses it, which reports them
  }
  if (json === undefined) continue;
  const path = templateCachePath(root, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, json);
}
