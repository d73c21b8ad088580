// Where each node and edge of a DAG goes, left to right. Small graphs are laid out by dagre (the
// vendored library): its ranks and crossing reduction beat ours, and it routes long edges between
// the nodes instead of through them. dagre's time grows fast with size (about 0.1 s at 30 nodes,
// 2 s at 150 and 4 s at 240 on the 2-core test machine, against 0.1 s for ours at 240), so
// larger graphs keep the project's own layered layout (layout.js). Pure: no DOM.
import dagre from '../../vendor/dagre/dagre.esm.js';
import { layoutDag } from './layout.js';

export const NODE_W = 176;
export const NODE_H = 44;
const GAP_X = 64;
const GAP_Y = 14;
const PAD = 16;

/** Past either limit dagre would hold the page for seconds; see the file's head. */
export const DAGRE_MAX_NODES = 100;
export const DAGRE_MAX_EDGES = 200;

function edgesOf(nodes) {
  const ids = new Set(nodes.map((n) => n.id));
  const edges = [];
  for (const n of nodes) for (const up of new Set(n.needs ?? [])) if (ids.has(up) && up !== n.id) edges.push([up, n.id]);
  return edges;
}

function layered(nodes) {
  const layout = layoutDag(nodes.map((n) => ({ id: n.id, needs: n.needs ?? [] })));
  const tallest = Math.max(1, ...layout.layers.map((l) => l.length));
  const at = new Map();
  layout.layers.forEach((layer, li) => {
    const offset = ((tallest - layer.length) * (NODE_H + GAP_Y)) / 2;
    layer.forEach((id, i) => at.set(id, { x: PAD + li * (NODE_W + GAP_X), y: PAD + offset + i * (NODE_H + GAP_Y) }));
  });
  return {
    engine: 'layers', layers: layout.layers, edges: layout.edges, at, routes: new Map(),
    width: PAD * 2 + Math.max(1, layout.layers.length) * (NODE_W + GAP_X) - GAP_X,
    height: PAD * 2 + tallest * (NODE_H + GAP_Y) - GAP_Y,
  };
}

function withDagre(nodes, edges) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: GAP_Y, ranksep: GAP_X, marginx: PAD, marginy: PAD });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_W, height: NODE_H });
  for (const [from, to] of edges) g.setEdge(from, to);
  // A cycle cannot pass validation; dagre would still break it, so nothing here has to.
  dagre.layout(g);
  const at = new Map(nodes.map((n) => { const p = g.node(n.id); return [n.id, { x: p.x - NODE_W / 2, y: p.y - NODE_H / 2 }]; }));
  // Every node of one rank shares its x in a left-to-right layout: ranks are the distinct x.
  const byX = new Map();
  for (const n of nodes) {
    const x = Math.round(at.get(n.id).x);
    if (!byX.has(x)) byX.set(x, []);
    byX.get(x).push(n.id);
  }
  const layers = [...byX.keys()].sort((a, b) => a - b)
    .map((x) => byX.get(x).sort((a, b) => at.get(a).y - at.get(b).y));
  // dagre ends an edge where it meets the node's border, top and bottom included; every edge
  // here leaves a node on its right and enters the next on its left, as the layered layout draws.
  const routes = new Map(edges.map(([from, to]) => {
    const points = g.edge(from, to)?.points;
    if (!points?.length) return [`${from}\n${to}`, null];
    const a = at.get(from);
    const b = at.get(to);
    return [`${from}\n${to}`, [{ x: a.x + NODE_W, y: a.y + NODE_H / 2 }, ...points.slice(1, -1), { x: b.x - 3, y: b.y + NODE_H / 2 }]];
  }));
  const { width, height } = g.graph();
  return { engine: 'dagre', layers, edges, at, routes, width: Math.ceil(width), height: Math.ceil(height) };
}

/**
 * nodes: [{ id, needs }] in declaration order; engine forces 'dagre' or 'layers' (tests).
 * Returns { engine, layers: [[id]] (left to right, top to bottom), edges: [[from, to]],
 * at: Map id → { x, y } (top left corner), routes: Map "from\nto" → [{ x, y }] (dagre only),
 * width, height }.
 */
export function placeGraph(nodes, { engine } = {}) {
  const edges = edgesOf(nodes);
  const small = nodes.length > 0 && nodes.length <= DAGRE_MAX_NODES && edges.length <= DAGRE_MAX_EDGES;
  return (engine ?? (small ? 'dagre' : 'layers')) === 'dagre' ? withDagre(nodes, edges) : layered(nodes);
}

/** An SVG path along dagre's route (smoothed through its bends), or a curve between two nodes. */
export function edgePath(placement, from, to) {
  const points = placement.routes.get(`${from}\n${to}`);
  if (points?.length >= 2) {
    let d = `M${points[0].x},${points[0].y}`;
    for (let i = 1; i < points.length - 1; i++) {
      const next = points[i + 1];
      const mx = i === points.length - 2 ? next.x : (points[i].x + next.x) / 2;
      const my = i === points.length - 2 ? next.y : (points[i].y + next.y) / 2;
      d += ` Q${points[i].x},${points[i].y} ${mx},${my}`;
    }
    if (points.length === 2) d += ` L${points[1].x},${points[1].y}`;
    return d;
  }
  const a = placement.at.get(from);
  const b = placement.at.get(to);
  const x1 = a.x + NODE_W;
  const y1 = a.y + NODE_H / 2;
  const x2 = b.x - 3;
  const y2 = b.y + NODE_H / 2;
  const bend = Math.max(24, (x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}
