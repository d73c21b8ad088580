// The longest path of a run: the chain of dependencies that decided when the run ended. It starts
// at the node that ended last and goes back, at each node, through the upstream it waited for
// longest (the one that ended last). It is read from end times, not by adding up durations: the
// engine ends a noop in the turn that starts it, so a run of noops has every duration 0 and a sum
// of durations found no path at all ("0 nodes" for a finished 240-node run). Pure, so the
// browser tests call it directly.

/**
 * nodes: [{ id, needs }]; timesOf(id) → { start, end } in ms (end: now for a node still going),
 * or null for a node that did not run. Returns the ids on the path, from a root to the end.
 * Ties between equal end times (nodes ended in one turn) go to the longer chain behind, then to
 * the first in declaration order, so the answer is stable from one poll to the next.
 */
export function longestPath(nodes, timesOf) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const ended = new Map();
  for (const node of nodes) {
    const times = timesOf(node.id);
    const end = times ? Number(times.end ?? times.start) : NaN;
    if (Number.isFinite(end)) ended.set(node.id, end);
  }
  const depth = new Map();
  const via = new Map();
  const visiting = new Set();
  const better = (a, b) => b === null || ended.get(a) > ended.get(b) || (ended.get(a) === ended.get(b) && reach(a) > reach(b));

  // The chain behind a node: how many nodes, and which upstream it goes through.
  function reach(id) {
    if (depth.has(id)) return depth.get(id);
    if (visiting.has(id)) return 0; // a cycle cannot pass validation; never loop on one
    visiting.add(id);
    let best = null;
    for (const up of new Set(byId.get(id)?.needs ?? [])) {
      if (up !== id && ended.has(up) && better(up, best)) best = up;
    }
    visiting.delete(id);
    const mine = 1 + (best === null ? 0 : reach(best));
    depth.set(id, mine);
    via.set(id, best);
    return mine;
  }

  let end = null;
  for (const node of nodes) {
    if (!ended.has(node.id)) continue;
    reach(node.id);
    if (better(node.id, end)) end = node.id;
  }
  const path = [];
  for (let id = end; id !== null && id !== undefined; id = via.get(id)) path.unshift(id);
  return path;
}
