/** One stretch of a diff: `equal` pairs items of both sides; `removed`/`added` hold one side's. */
export type DiffOp = { kind: 'equal'; a: number; b: number } | { kind: 'removed'; a: number } | { kind: 'added'; b: number };

/**
 * A shortest edit script between two sequences (longest common subsequence): the common head
 * and tail are matched first, so an issue with a few changed sentences costs a small table.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[]): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const [n, m] = [a.length - head - tail, b.length - head - tail];
  // lcs[i * (m + 1) + j]: the longest common subsequence of a's middle from i and b's from j.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const ops: DiffOp[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: 'equal', a: k, b: k });
  let [i, j] = [0, 0];
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) ops.push({ kind: 'equal', a: head + i++, b: head + j++ });
    else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) ops.push({ kind: 'removed', a: head + i++ });
    else ops.push({ kind: 'added', b: head + j++ });
  }
  for (let k = tail; k > 0; k--) ops.push({ kind: 'equal', a: a.length - k, b: b.length - k });
  return ops;
}
