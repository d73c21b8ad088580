// The Gantt chart of a run: one row per node, one bar per attempt, in wall-clock time. Rows of the
// nodes on the longest path carry a diamond and their bars a heavy outline.
import { h, s } from '../dom.js';
import { clock, duration, elapsed, zoneAbbr } from '../format.js';
import { known, label } from '../states.js';
import { longestPath } from './longestPath.js';

const ROW_H = 26;
const LABEL_W = 230;
const AXIS_H = 26;
const MIN_BAR = 3;

function niceStep(spanMs, wanted) {
  const raw = spanMs / wanted;
  const steps = [1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000, 300000, 600000, 900000, 1800000, 3600000,
    7200000, 21600000, 43200000, 86400000];
  return steps.find((step) => step >= raw) ?? steps.at(-1);
}

/** The started attempts of a node as bars; a node without an attempt list gets one bar from its own times. */
function ownAttempts(node) {
  if (Array.isArray(node.attemptList) && node.attemptList.length) return node.attemptList.filter((a) => a.startedAt);
  return node.startedAt ? [{ attempt: node.attempts || 1, state: node.state, startedAt: node.startedAt, endedAt: node.endedAt }] : [];
}

/** A foreach node's bars are its instances' attempts, each named by its index. */
function attemptsOf(node) {
  if (Array.isArray(node.instances) && node.instances.length) {
    return node.instances.flatMap((inst) => ownAttempts(inst).map((a) => ({ ...a, index: inst.index })))
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  }
  return ownAttempts(node);
}

/**
 * Renders run (the API's run body) with the DAG's nodes (for needs) into container.
 * onSelect(nodeId) is called when a row is chosen. Returns the ids on the longest path.
 */
export function renderGantt(container, run, dagNodes, { onSelect, selected, now = Date.now() } = {}) {
  const needs = new Map((dagNodes ?? []).map((n) => [n.id, n.needs ?? []]));
  const rows = run.nodes.map((node, i) => ({ node, i, bars: attemptsOf(node) }));
  const startOf = (row) => (row.bars.length ? Date.parse(row.bars[0].startedAt) : Infinity);
  rows.sort((a, b) => startOf(a) - startOf(b) || a.i - b.i);

  const byId = new Map(run.nodes.map((n) => [n.nodeId, n]));
  const path = longestPath(run.nodes.map((n) => ({ id: n.nodeId, needs: needs.get(n.nodeId) ?? [] })),
    (id) => { const n = byId.get(id); return n?.startedAt ? { start: Date.parse(n.startedAt), end: n.endedAt ? Date.parse(n.endedAt) : now } : null; });
  const onPath = new Set(path);

  const starts = rows.flatMap((r) => r.bars.map((b) => Date.parse(b.startedAt)));
  const ends = rows.flatMap((r) => r.bars.map((b) => (b.endedAt ? Date.parse(b.endedAt) : now)));
  const t0 = starts.length ? Math.min(...starts) : Date.parse(run.startedAt ?? run.createdAt ?? new Date(now).toISOString());
  const t1 = Math.max(t0 + 1000, ...ends);
  const chartW = Math.max(320, (container.clientWidth || 900) - LABEL_W - 24);
  const x = (t) => LABEL_W + ((t - t0) / (t1 - t0)) * chartW;
  const width = LABEL_W + chartW + 16;
  const height = AXIS_H + rows.length * ROW_H + 8;

  const svg = s('svg', { class: 'gantt', width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': `Gantt chart of ${rows.length} nodes; ${path.length} on the longest path` });
  const step = niceStep(t1 - t0, 6);
  const axis = s('g', { class: 'gantt-axis' });
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) {
    axis.append(s('line', { x1: x(t), x2: x(t), y1: AXIS_H - 6, y2: height }),
      s('text', { x: x(t) + 3, y: AXIS_H - 10 }, clock(t)));
  }
  // The ticks are local times; the zone is written once, in the label column.
  axis.appendChild(s('text', { x: 4, y: AXIS_H - 10, class: 'gantt-zone' }, `times in ${zoneAbbr(new Date(t0)) || 'local time'}`));
  svg.appendChild(axis);

  rows.forEach((row, r) => {
    const { node } = row;
    const y = AXIS_H + r * ROW_H;
    const critical = onPath.has(node.nodeId);
    const g = s('g', { class: ['gantt-row', critical && 'critical', selected === node.nodeId && 'selected'],
      tabindex: 0, role: 'button', dataset: { node: node.nodeId, state: node.state },
      'aria-label': `${node.nodeId}: ${label(node.state)}, ${row.bars.length} attempt(s)${critical ? ', on the longest path' : ''}` });
    g.appendChild(s('rect', { class: 'gantt-row-bg', x: 0, y, width, height: ROW_H }));
    if (critical) g.appendChild(s('use', { href: '#i-critical', x: 4, y: y + 7, width: 12, height: 12, class: 'gantt-critical' }));
    g.appendChild(s('use', { href: `#i-${known(node.state)}`, x: 20, y: y + 5, width: 16, height: 16, class: `gantt-state s-${known(node.state)}` }));
    const name = node.nodeId.length > 26 ? `${node.nodeId.slice(0, 25)}…` : node.nodeId;
    g.appendChild(s('text', { x: 42, y: y + 17, class: 'gantt-label' }, name));
    for (const bar of row.bars) {
      const b0 = Date.parse(bar.startedAt);
      const b1 = bar.endedAt ? Date.parse(bar.endedAt) : now;
      const bx = x(b0);
      const bw = Math.max(MIN_BAR, x(b1) - bx);
      const state = known(bar.state ?? node.state);
      g.appendChild(s('rect', { class: ['gantt-bar', `s-${state}`], x: bx, y: y + 4, width: bw, height: ROW_H - 8, rx: 3, dataset: bar.index === undefined ? { state } : { state, index: bar.index } },
        s('title', null, `${node.nodeId}${bar.index === undefined ? '' : `[${bar.index}]`} attempt ${bar.attempt}: ${label(bar.state ?? node.state)}, ${duration(b1 - b0)}`)));
      if (bw >= 22) g.appendChild(s('use', { href: `#i-${state}`, x: bx + 4, y: y + 6, width: 14, height: 14, class: `gantt-bar-icon s-${state}` }));
    }
    svg.appendChild(g);
  });

  if (onSelect) {
    const pick = (event) => { const row = event.target.closest?.('.gantt-row'); if (row) onSelect(row.dataset.node); };
    svg.addEventListener('click', pick);
    svg.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(e); } });
  }
  const key = h('p', { class: 'gantt-key' },
    s('svg', { class: 'icon critical-icon', 'aria-hidden': 'true' }, s('use', { href: '#i-critical' })), ` On the longest path (${path.length} node${path.length === 1 ? '' : 's'}): `,
    h('span', { class: 'path-list' }, path.join(' → ') || 'none yet'));
  container.replaceChildren(key, h('div', { class: 'gantt-scroll' }, svg));
  return path;
}
