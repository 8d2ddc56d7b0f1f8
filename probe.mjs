import * as fontkit from 'fontkit';
const { loadIssue, layoutLoaded } = await import('./dist/src/build.js');
const { nodeWorld } = await import('./dist/src/world.js');
const { renderPdf } = await import('./dist/src/render/pdf.js');
const world = nodeWorld(process.cwd());
const t0 = performance.now();
const loaded = loadIssue('218', world);
const stats = {};
for (const [id, face] of loaded.faces) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(face.font));
  if (!proto._getTable.wrapped) { const orig = proto._getTable; proto._getTable = function (table) { const t = performance.now(); const r = orig.call(this, table); const k = table.tag; stats[k] = (stats[k] || 0) + performance.now() - t; return r; }; proto._getTable.wrapped = true; }
}
const t1 = performance.now();
const doc = layoutLoaded(loaded, {}, world);
const t2 = performance.now();
await renderPdf(doc, loaded.faces);
const t3 = performance.now();
console.log('load', (t1 - t0).toFixed(0), 'layout', (t2 - t1).toFixed(0), 'render', (t3 - t2).toFixed(0));
console.log(Object.entries(stats).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', '));
