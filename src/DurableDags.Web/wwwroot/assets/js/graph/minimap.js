// The whole graph in small, in a corner of the graph's window, with a frame around the part the
// window shows. A press or drag on it moves the window there.
import { s } from '../dom.js';
import { known } from '../states.js';
import { NODE_H, NODE_W } from './placement.js';

const MAX_W = 180;
const MAX_H = 120;

/**
 * placement: from placeGraph; viewport: from createViewport (centerOn, viewSize). Returns
 * { element, update(view), setState(id, state) }.
 */
export function createMinimap(placement, viewport) {
  const m = Math.min(MAX_W / placement.width, MAX_H / placement.height);
  const w = Math.max(24, Math.round(placement.width * m));
  const h = Math.max(24, Math.round(placement.height * m));
  const svg = s('svg', {
    class: 'graph-minimap', width: w, height: h, viewBox: `0 0 ${placement.width} ${placement.height}`,
    preserveAspectRatio: 'none', role: 'img', 'aria-label': 'Overview of the whole graph; the frame is the part shown',
  });
  const marks = new Map();
  for (const [id, { x, y }] of placement.at) {
    const rect = s('rect', { x, y, width: NODE_W, height: NODE_H, class: 'mini-node s-none' });
    marks.set(id, rect);
    svg.appendChild(rect);
  }
  // The frame's stroke must stay visible however small the map draws the graph.
  const frame = s('rect', { class: 'mini-frame', 'vector-effect': 'non-scaling-stroke' });
  svg.appendChild(frame);

  function update(view) {
    const { w: vw, h: vh } = viewport.viewSize();
    frame.setAttribute('x', -view.x / view.k);
    frame.setAttribute('y', -view.y / view.k);
    frame.setAttribute('width', vw / view.k);
    frame.setAttribute('height', vh / view.k);
  }

  function moveTo(event) {
    const box = svg.getBoundingClientRect();
    viewport.centerOn(((event.clientX - box.left) / box.width) * placement.width, ((event.clientY - box.top) / box.height) * placement.height);
  }
  let dragging = false;
  svg.addEventListener('pointerdown', (event) => { dragging = true; svg.setPointerCapture(event.pointerId); moveTo(event); event.stopPropagation(); });
  svg.addEventListener('pointermove', (event) => { if (dragging) moveTo(event); });
  svg.addEventListener('pointerup', () => { dragging = false; });
  svg.addEventListener('pointercancel', () => { dragging = false; });

  function setState(id, state) {
    marks.get(id)?.setAttribute('class', `mini-node s-${known(state)}`);
  }

  return { element: svg, update, setState };
}
