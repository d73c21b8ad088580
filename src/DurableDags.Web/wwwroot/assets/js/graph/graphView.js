// Draws a laid-out DAG as SVG in a window that zooms and pans, with a minimap, node search and
// Fit, and recolours it in place as a run goes on: a live run changes attributes of existing
// elements, never the layout.
import { h, s } from '../dom.js';
import { known, label } from '../states.js';
import { edgePath, NODE_H, NODE_W, placeGraph } from './placement.js';
import { createViewport } from './viewport.js';
import { createMinimap } from './minimap.js';

const MAX_ID_CHARS = 22;
const STACK_STEP = 4;
const ZOOM_STEP = 1.25;
/** The window is as tall as the graph up to this share of the screen (within the bounds below). */
const MAX_VIEW_SHARE = 0.7;
const MIN_VIEW_H = 320;
const MAX_VIEW_H = 720;

function shorten(text) {
  return text.length > MAX_ID_CHARS ? `${text.slice(0, MAX_ID_CHARS - 1)}…` : text;
}

function drawNode(node, { x, y }) {
  const { id, type = '', mapped = false } = node;
  const title = s('title', null, `${id} (${type}${mapped ? ', foreach' : ''}): no run`);
  const use = s('use', { href: '#i-none', x: 10, y: 14, width: 16, height: 16, class: 'gnode-icon' });
  const stateText = s('text', { x: 34, y: 35, class: 'gnode-state' }, `${type} · no run`);
  const count = mapped ? s('text', { x: NODE_W - 8, y: 19, class: 'gnode-count', 'text-anchor': 'end' }, '×') : null;
  // A foreach node is drawn as a stack of cards: one node, many instances.
  const stack = mapped ? [2, 1].map((i) => s('rect', { class: 'gnode-stack', x: i * STACK_STEP, y: i * STACK_STEP, width: NODE_W, height: NODE_H, rx: 6 })) : [];
  const group = s('g', {
    class: ['gnode', 's-none', mapped && 'gnode-mapped'], transform: `translate(${x},${y})`, tabindex: 0, role: 'button',
    'aria-label': `${id}${mapped ? ' (foreach)' : ''}: no run`, dataset: mapped ? { node: id, state: 'none', mapped: 'true' } : { node: id, state: 'none' },
  },
  title, ...stack,
  s('rect', { class: 'gnode-card', width: NODE_W, height: NODE_H, rx: 6 }),
  use,
  s('text', { x: 34, y: 19, class: 'gnode-id' }, shorten(id)),
  count,
  stateText);
  return { group, title, use, stateText, count, type, mapped };
}

/** The node whose id is query, else the first whose id contains it (case-insensitive). */
export function findNode(ids, query) {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  return ids.find((id) => id.toLowerCase() === q) ?? ids.find((id) => id.toLowerCase().includes(q)) ?? null;
}

/**
 * Renders the DAG's nodes ([{ id, type, needs, mapped }]) into container. onSelect(nodeId) is
 * called when a node is clicked or chosen with the keyboard. Returns { setStates, showRun,
 * highlight, find, fit, zoomBy, layout, width, height }.
 */
export function renderGraph(container, nodes, { onSelect, engine } = {}) {
  const placement = placeGraph(nodes.map((n) => ({ id: n.id, needs: n.needs ?? [] })), { engine });
  const { width, height, at } = placement;
  const byId = new Map(nodes.map((n) => [n.id, n]));

  const world = s('g', { class: 'graph-world' });
  const svg = s('svg', {
    class: 'graph', role: 'group', 'aria-label': `Graph of ${nodes.length} nodes in ${placement.layers.length} ranks`,
    dataset: { engine: placement.engine, width, height },
  }, s('defs', null, s('marker', {
    id: 'arrow', viewBox: '0 0 8 8', refX: 7, refY: 4, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, s('path', { d: 'M0,0 L8,4 L0,8 z', class: 'graph-arrow' }))), world);

  const edgeGroup = s('g', { class: 'graph-edges' });
  for (const [from, to] of placement.edges) {
    edgeGroup.appendChild(s('path', { d: edgePath(placement, from, to), 'marker-end': 'url(#arrow)', dataset: { from, to } }));
  }
  world.appendChild(edgeGroup);

  const elements = new Map();
  const nodeGroup = s('g', { class: 'graph-nodes' });
  for (const id of placement.layers.flat()) {
    const el = drawNode(byId.get(id) ?? { id }, at.get(id));
    elements.set(id, el);
    nodeGroup.appendChild(el.group);
  }
  world.appendChild(nodeGroup);

  const win = h('div', { class: 'graph-window' }, svg);
  const zoomText = h('output', { class: 'graph-zoom', 'aria-label': 'Zoom' }, '100%');
  const tool = (text, name, action) => h('button', { type: 'button', class: 'graph-tool', 'aria-label': name, title: name, onclick: action }, text);
  const searchId = 'graph-search';
  const search = h('input', { type: 'search', id: searchId, class: 'graph-search', placeholder: 'Find a node', list: `${searchId}-ids`, autocomplete: 'off' });
  const found = h('span', { class: 'graph-found hint', 'aria-live': 'polite' });
  const searchForm = h('form', { class: 'graph-find', role: 'search' },
    h('label', { for: searchId, class: 'sr-only' }, 'Find a node by id'), search,
    h('datalist', { id: `${searchId}-ids` }, ...[...elements.keys()].map((id) => h('option', { value: id }))),
    h('button', { type: 'submit' }, 'Find'), found);
  const tools = h('div', { class: 'graph-tools' },
    tool('−', 'Zoom out', () => viewport.zoomBy(1 / ZOOM_STEP)),
    tool('+', 'Zoom in', () => viewport.zoomBy(ZOOM_STEP)),
    tool('Fit', 'Fit the whole graph', () => viewport.fit()),
    tool('1:1', 'Actual size', () => viewport.set(1, 0, 0)),
    zoomText, searchForm);
  container.replaceChildren(tools, win);

  const maxViewH = Math.round(Math.min(MAX_VIEW_H, Math.max(MIN_VIEW_H, window.innerHeight * MAX_VIEW_SHARE)));
  // A wide graph fitted to the window's width needs less height than it has at natural size.
  const fittedH = height * Math.min(1, (win.clientWidth || width) / width);
  win.style.height = `${Math.round(Math.min(maxViewH, Math.max(Math.min(height, MIN_VIEW_H), fittedH)))}px`;
  let minimap = null;
  const viewport = createViewport(win, world, { width, height }, {
    onChange: (view) => { zoomText.textContent = `${Math.round(view.k * 100)}%`; minimap?.update(view); },
  });
  const tooBig = () => width > win.clientWidth || height > win.clientHeight;
  minimap = createMinimap(placement, viewport);
  win.appendChild(minimap.element);
  let auto = null;
  function initialView() {
    minimap.element.toggleAttribute('hidden', !tooBig());
    if (tooBig()) viewport.fit(); else viewport.set(1, 0, 0);
    auto = { ...viewport.view };
  }
  initialView();
  // Until someone zooms or pans, the graph keeps fitting the window as the page resizes.
  const resized = new ResizeObserver(() => {
    // A graph redrawn for another version leaves this window: stop watching it.
    if (!win.isConnected) { resized.disconnect(); return; }
    const { k, x, y } = viewport.view;
    if (auto && auto.k === k && auto.x === x && auto.y === y) initialView();
  });
  resized.observe(win);

  let marked = null;
  function find(query) {
    const id = findNode([...elements.keys()], query);
    marked?.group.classList.remove('found');
    marked = id ? elements.get(id) : null;
    found.textContent = id ? `${id} found` : `No node matches “${query.trim()}”`;
    if (!id) return null;
    marked.group.classList.add('found');
    const { x, y } = at.get(id);
    viewport.centerOn(x + NODE_W / 2, y + NODE_H / 2, Math.max(viewport.view.k, 1));
    marked.group.focus({ preventScroll: true });
    return id;
  }
  searchForm.addEventListener('submit', (event) => { event.preventDefault(); find(search.value); });
  // A node reached with Tab that lies outside the window is brought into it.
  svg.addEventListener('focusin', (event) => {
    const group = event.target.closest?.('.gnode');
    if (!group) return;
    const r = group.getBoundingClientRect();
    const w = win.getBoundingClientRect();
    if (r.left < w.left || r.top < w.top || r.right > w.right || r.bottom > w.bottom) {
      const { x, y } = at.get(group.dataset.node);
      viewport.centerOn(x + NODE_W / 2, y + NODE_H / 2);
    }
  });

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

  function paint(id, el, state, instances) {
    const text = state === 'none' ? 'no run' : label(state);
    const countText = el.mapped ? (instances === null ? '×' : `×${instances}`) : null;
    if (el.group.dataset.state === state && (!el.mapped || el.count.textContent === countText)) return;
    el.group.classList.replace(`s-${known(el.group.dataset.state)}`, `s-${known(state)}`);
    el.group.dataset.state = state;
    el.use.setAttribute('href', `#i-${known(state)}`);
    el.stateText.textContent = `${el.type} · ${text}`;
    const many = el.mapped ? `foreach${instances === null ? '' : ` ×${instances}`}` : '';
    el.title.textContent = `${id} (${el.type}${many ? `, ${many}` : ''}): ${text}`;
    el.group.setAttribute('aria-label', `${id}${many ? ` (${many})` : ''}: ${text}`);
    if (el.mapped) {
      el.count.textContent = countText;
      el.group.dataset.instances = instances ?? '';
    }
    minimap.setState(id, state);
  }

  /** states: Map nodeId → state, or null for no run. */
  function setStates(states) {
    for (const [id, el] of elements) paint(id, el, states?.get(id) ?? 'none', null);
  }

  /** The run's body from the API (or null): states, and instance counts of foreach nodes. */
  function showRun(run) {
    const byNode = new Map((run?.nodes ?? []).map((n) => [n.nodeId, n]));
    for (const [id, el] of elements) {
      const node = byNode.get(id);
      paint(id, el, node?.state ?? 'none', node && Array.isArray(node.instances) ? node.instances.length : null);
    }
  }

  function highlight(nodeId) {
    for (const [id, el] of elements) el.group.classList.toggle('selected', id === nodeId);
  }

  return {
    setStates, showRun, highlight, find, fit: viewport.fit, zoomBy: viewport.zoomBy,
    layout: { layers: placement.layers, edges: placement.edges, engine: placement.engine }, width, height,
  };
}
