/** One stretch of a diff: `equal` pairs items of both sides; `removed`/`added` hold one side's. */
export type DiffOp = { kind: 'equal'; a: number; b: number } | { kind: 'removed'; a: number } | { kind: 'added'; b: number };

/** Cells of the table beyond which two middles are called different as a whole (64 MB of table). */
const TABLE_LIMIT = 16_000_000;

/**
 * A shortest edit script between two sequences (longest common subsequence): the common head
 * and tail are matched first, so an issue with a few changed sentences costs a small table.
 * Middles too different to tabulate within `limit` cells are all removed, then all added.
 */
export function diffSequences<T>(a: readonly T[], b: readonly T[], limit = TABLE_LIMIT): DiffOp[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const [n, m] = [a.length - head - tail, b.length - head - tail];
  /** `count` equal items from `fromA` and `fromB`. */
  const equal = (count: number, fromA: number, fromB: number): DiffOp[] => Array.from({ length: count }, (_, k) => ({ kind: 'equal', a: fromA + k, b: fromB + k }));
  if ((n + 1) * (m + 1) > limit) {
    const removed = Array.from({ length: n }, (_, k): DiffOp => ({ kind: 'removed', a: head + k }));
    const added = Array.from({ length: m }, (_, k): DiffOp => ({ kind: 'added', b: head + k }));
    return [...equal(head, 0, 0), ...removed, ...added, ...equal(tail, a.length - tail, b.length - tail)];
  }
  // lcs[i * (m + 1) + j]: the longest common subsequence of a's middle from i and b's from j.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * (m + 1) + j + 1] + 1 : Math.max(lcs[(i + 1) * (m + 1) + j], lcs[i * (m + 1) + j + 1]);
    }
  }
  const ops: DiffOp[] = equal(head, 0, 0);
  let [i, j] = [0, 0];
  while (i < n || j < m) {
    if (i < n && j < m && a[head + i] === b[head + j]) ops.push({ kind: 'equal', a: head + i++, b: head + j++ });
    else if (i < n && (j === m || lcs[(i + 1) * (m + 1) + j] >= lcs[i * (m + 1) + j + 1])) ops.push({ kind: 'removed', a: head + i++ });
    else ops.push({ kind: 'added', b: head + j++ });
  }
  return [...ops, ...equal(tail, a.length - tail, b.length - tail)];
}
