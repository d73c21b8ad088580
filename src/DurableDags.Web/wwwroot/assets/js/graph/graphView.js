// Draws a laid-out DAG as SVG and recolours it in place as a run goes on: a live run changes
// attributes of existing elements, never the layout.
import { s } from '../dom.js';
import { layoutDag } from './layout.js';
import { known, label } from '../states.js';

const NODE_W = 176;
const NODE_H = 44;
const GAP_X = 64;
const GAP_Y = 14;
const PAD = 16;
const MAX_ID_CHARS = 22;

function shorten(text) {
  return text.length > MAX_ID_CHARS ? `${text.slice(0, MAX_ID_CHARS - 1)}…` : text;
}

function edgePath(a, b) {
  const x1 = a.x + NODE_W;
  const y1 = a.y + NODE_H / 2;
  const x2 = b.x - 3;
  const y2 = b.y + NODE_H / 2;
  const bend = Math.max(24, (x2 - x1) / 2);
  return `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
}

/**
 * Renders the DAG's nodes ([{ id, type, needs }]) into container. onSelect(nodeId) is called when
 * a node is clicked or chosen with the keyboard. Returns { setStates(Map nodeId → state), layout }.
 */
export function renderGraph(container, nodes, { onSelect } = {}) {
  const layout = layoutDag(nodes.map((n) => ({ id: n.id, needs: n.needs ?? [] })));
  const tallest = Math.max(1, ...layout.layers.map((l) => l.length));
  const at = new Map();
  layout.layers.forEach((layer, li) => {
    const offset = ((tallest - layer.length) * (NODE_H + GAP_Y)) / 2;
    layer.forEach((id, i) => at.set(id, { x: PAD + li * (NODE_W + GAP_X), y: PAD + offset + i * (NODE_H + GAP_Y) }));
  });
  const width = PAD * 2 + layout.layers.length * (NODE_W + GAP_X) - GAP_X;
  const height = PAD * 2 + tallest * (NODE_H + GAP_Y) - GAP_Y;

  const svg = s('svg', {
    class: 'graph', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': `Graph of ${nodes.length} nodes in ${layout.layers.length} layers`,
  });
  svg.appendChild(s('defs', null, s('marker', {
    id: 'arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'graph-arrow' }))));

  const edgeGroup = s('g', { class: 'graph-edges' });
  for (const [from, to] of layout.edges) {
    edgeGroup.appendChild(s('path', { d: edgePath(at.get(from), at.get(to)), 'marker-end': 'url(#arrow)', dataset: { from, to } }));
  }
  svg.appendChild(edgeGroup);

  const byId = new Map(nodes.map((n) => [n.id, n]));
  const elements = new Map();
  const nodeGroup = s('g', { class: 'graph-nodes' });
  for (const layer of layout.layers) {
    for (const id of layer) {
      const { x, y } = at.get(id);
      const type = byId.get(id)?.type ?? '';
      const title = s('title', null, `${id} (${type}): no run`);
      const use = s('use', { href: '#i-none', x: 10, y: 14, width: 16, height: 16, class: 'gnode-icon' });
      const stateText = s('text', { x: 34, y: 35, class: 'gnode-state' }, `${type} · no run`);
      const group = s('g', {
        class: 'gnode s-none', transform: `translate(${x},${y})`, tabindex: 0, role: 'button',
        'aria-label': `${id}: no run`, dataset: { node: id, state: 'none' },
      },
      title,
      s('rect', { width: NODE_W, height: NODE_H, rx: 6 }),
      use,
      s('text', { x: 34, y: 19, class: 'gnode-id' }, shorten(id)),
      stateText);
      elements.set(id, { group, title, use, stateText, type });
      nodeGroup.appendChild(group);
    }
  }
  svg.appendChild(nodeGroup);

  if (onSelect) {
    const pick = (event) => {
      const group = event.target.closest?.('.gnode');
      if (group) onSelect(group.dataset.node);
    };
    svg.addEventListener('click', pick);
    svg.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); pick(event); }
    });
  }
  container.replaceChildren(svg);

  function setStates(states) {
    for (const [id, el] of elements) {
      const state = states?.get(id) ?? 'none';
      if (el.group.dataset.state === state) continue;
      const text = state === 'none' ? 'no run' : label(state);
      el.group.classList.replace(`s-${known(el.group.dataset.state)}`, `s-${known(state)}`);
      el.group.dataset.state = state;
      el.use.setAttribute('href', `#i-${known(state)}`);
      el.stateText.textContent = `${el.type} · ${text}`;
      el.title.textContent = `${id} (${el.type}): ${text}`;
      el.group.setAttribute('aria-label', `${id}: ${text}`);
    }
  }

  function highlight(nodeId) {
    for (const [id, el] of elements) el.group.classList.toggle('selected', id === nodeId);
  }

  return { setStates, highlight, layout, width, height };
}
