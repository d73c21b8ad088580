// Lays a DAG out left to right: each node's layer is its longest path from a root, and the order
// inside each layer comes from barycenter sweeps (Sugiyama's heuristic), keeping the ordering with
// the fewest edge crossings. Pure: no DOM, so the browser tests call it directly.

const SWEEPS = 6;
/** Counting crossings is quadratic in edges; past this many edges the last sweep stands. */
const MAX_EDGES_TO_COUNT = 2500;

/** Nodes in an order where every node comes after its upstreams; needs on unknown ids are ignored. */
function topologicalOrder(nodes, byId) {
  const indegree = new Map(nodes.map((n) => [n.id, 0]));
  const downstream = new Map(nodes.map((n) => [n.id, []]));
  for (const node of nodes) {
    for (const up of node.needs) {
      if (!byId.has(up) || up === node.id) continue;
      indegree.set(node.id, indegree.get(node.id) + 1);
      downstream.get(up).push(node.id);
    }
  }
  const ready = nodes.filter((n) => indegree.get(n.id) === 0).map((n) => n.id);
  const order = [];
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i];
    order.push(id);
    for (const down of downstream.get(id)) {
      indegree.set(down, indegree.get(down) - 1);
      if (indegree.get(down) === 0) ready.push(down);
    }
  }
  // A cycle cannot pass validation; if one ever arrives, its nodes still get drawn, last.
  if (order.length < nodes.length) {
    const placed = new Set(order);
    for (const n of nodes) if (!placed.has(n.id)) order.push(n.id);
  }
  return { order, downstream };
}

function positions(layers) {
  const pos = new Map();
  for (const layer of layers) {
    const middle = (layer.length - 1) / 2;
    layer.forEach((id, i) => pos.set(id, i - middle));
  }
  return pos;
}

function sortByBarycenter(layer, neighbours, pos) {
  const keyed = layer.map((id, i) => {
    const list = neighbours.get(id);
    const key = list.length ? list.reduce((sum, n) => sum + pos.get(n), 0) / list.length : pos.get(id);
    return { id, key, i };
  });
  keyed.sort((a, b) => a.key - b.key || a.i - b.i);
  return keyed.map((k) => k.id);
}

const heightAt = (xa, ya, xb, yb, x) => ya + ((yb - ya) * (x - xa)) / (xb - xa);

/** Pairs of edges whose straight segments (layer, position) cross. */
export function countCrossings(edges, layerOf, pos) {
  let crossings = 0;
  const segs = edges.map(([a, b]) => [layerOf.get(a), pos.get(a), layerOf.get(b), pos.get(b)]);
  for (let i = 0; i < segs.length; i++) {
    const [x1, y1, x2, y2] = segs[i];
    for (let j = i + 1; j < segs.length; j++) {
      const [x3, y3, x4, y4] = segs[j];
      const lo = Math.max(x1, x3);
      const hi = Math.min(x2, x4);
      if (lo >= hi) continue;
      // Where both segments span [lo, hi], compare their heights at both ends.
      const d1 = heightAt(x1, y1, x2, y2, lo) - heightAt(x3, y3, x4, y4, lo);
      const d2 = heightAt(x1, y1, x2, y2, hi) - heightAt(x3, y3, x4, y4, hi);
      if (d1 * d2 < 0) crossings++;
    }
  }
  return crossings;
}

/**
 * nodes: [{ id, needs: [ids] }] in declaration order.
 * Returns { layers: [[id]], layerOf: Map, orderOf: Map, edges: [[from, to]], crossings }.
 */
export function layoutDag(nodes) {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const { order, downstream } = topologicalOrder(nodes, byId);
  const upstream = new Map(nodes.map((n) => [n.id, n.needs.filter((u) => byId.has(u) && u !== n.id)]));
  const layerOf = new Map();
  for (const id of order) {
    const ups = upstream.get(id).filter((u) => layerOf.has(u));
    layerOf.set(id, ups.length ? Math.max(...ups.map((u) => layerOf.get(u))) + 1 : 0);
  }
  let layers = [];
  for (const id of order) (layers[layerOf.get(id)] ??= []).push(id);
  layers = layers.filter(Boolean);
  const edges = [];
  for (const [id, ups] of upstream) for (const up of ups) edges.push([up, id]);

  const count = edges.length <= MAX_EDGES_TO_COUNT;
  let best = layers.map((l) => [...l]);
  let bestCrossings = count ? countCrossings(edges, layerOf, positions(layers)) : null;
  for (let sweep = 0; sweep < SWEEPS && bestCrossings !== 0; sweep++) {
    const down = sweep % 2 === 0;
    let pos = positions(layers);
    const indices = layers.map((_, i) => i);
    for (const i of down ? indices.slice(1) : indices.reverse().slice(1)) {
      layers[i] = sortByBarycenter(layers[i], down ? upstream : downstream, pos);
      pos = positions(layers);
    }
    if (count) {
      const crossings = countCrossings(edges, layerOf, pos);
      if (crossings < bestCrossings) { bestCrossings = crossings; best = layers.map((l) => [...l]); }
    } else {
      best = layers;
    }
  }
  const orderOf = new Map();
  best.forEach((layer) => layer.forEach((id, i) => orderOf.set(id, i)));
  return { layers: best, layerOf, orderOf, edges, crossings: bestCrossings };
}
