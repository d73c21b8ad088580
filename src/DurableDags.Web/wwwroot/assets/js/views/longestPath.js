// The longest path of a run: the chain of dependencies whose wall-clock times add up to the most,
// the nodes that decided how long the run took. Pure, so the browser tests call it directly.

/**
 * nodes: [{ id, needs }]; durationOf(id) → milliseconds (0 for a node that did not run).
 * Returns the ids on the longest path, from a root to the end. Ties go to the upstream that ended
 * last in declaration order, so the answer is stable from one poll to the next.
 */
export function longestPath(nodes, durationOf) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const total = new Map();
  const via = new Map();
  const visiting = new Set();

  function reach(id) {
    if (total.has(id)) return total.get(id);
    if (visiting.has(id)) return 0; // a cycle cannot pass validation; never loop on one
    visiting.add(id);
    let bestUp = null;
    let bestTotal = 0;
    for (const up of byId.get(id)?.needs ?? []) {
      if (!byId.has(up)) continue;
      const t = reach(up);
      if (bestUp === null || t > bestTotal) { bestUp = up; bestTotal = t; }
    }
    visiting.delete(id);
    const mine = Math.max(0, durationOf(id) ?? 0) + bestTotal;
    total.set(id, mine);
    via.set(id, bestUp);
    return mine;
  }

  let end = null;
  let endTotal = -1;
  for (const node of nodes) {
    const t = reach(node.id);
    if (t > endTotal) { end = node.id; endTotal = t; }
  }
  if (end === null || endTotal <= 0) return [];
  const path = [];
  for (let id = end; id !== null; id = via.get(id)) path.unshift(id);
  return path;
}
