// Lays a DAG out left to right: each node's layer is its longest path from a root, and the order
// inside each layer comes from barycenter sweeps (Sugiyama's heuristic), keeping the ordering with
// the fewest edge crossings. Pure: no DOM, so the browser tests call it directly.

const SWEEPS = 6;
/** Counting is quadratic in the edges that share a gap; past this many edges the last sweep stands. */
const MAX_EDGES_TO_COUNT = 5000;

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

/**
 * Pairs of edges whose straight segments (layer, position) cross. Each edge is cut into slices,
 * one per gap between adjacent layers it spans; two edges cross in a gap when their slices swap
 * order there, so only slices of the same gap are compared.
 */
export function countCrossings(edges, layerOf, pos) {
  const gaps = [];
  for (const [a, b] of edges) {
    const la = layerOf.get(a);
    const lb = layerOf.get(b);
    const ya = pos.get(a);
    const slope = (pos.get(b) - ya) / (lb - la);
    for (let g = la; g < lb; g++) (gaps[g] ??= []).push(ya + slope * (g - la), ya + slope * (g + 1 - la));
  }
  let crossings = 0;
  for (const slices of gaps) {
    if (!slices) continue;
    for (let i = 0; i < slices.length; i += 2) {
      for (let j = i + 2; j < slices.length; j += 2) {
        if ((slices[i] - slices[j]) * (slices[i + 1] - slices[j + 1]) < 0) crossings++;
      }
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
