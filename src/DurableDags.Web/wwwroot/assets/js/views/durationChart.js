// How long the recent runs of a DAG took: one bar per run (oldest left), its height the run's
// duration (to now while it goes on), coloured by the run's state and named in its label. Plain
// SVG; the y axis is in durations, the x axis names when runs started, in the browser's zone.
import { h, s } from '../dom.js';
import { duration, elapsed } from '../format.js';
import { known, label } from '../states.js';
import { zoneAbbreviation } from '../zones.js';

const W = 640;
const H = 190;
const M = { left: 64, right: 12, top: 12, bottom: 44 };
const pad = (n) => String(n).padStart(2, '0');

function shortTime(ms) {
  const d = new Date(ms);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The bars' data, oldest first: runs come newest first, as the API lists them. */
export function durationBars(runs, now = Date.now()) {
  return [...runs].reverse().map((run) => {
    const start = run.startedAt ?? run.createdAt;
    return { runId: run.runId, state: run.state, startMs: Date.parse(start), ms: elapsed(start, run.endedAt, now) ?? 0 };
  });
}

/** runs: RunSummary, newest first. onSelectRun(runId) when a bar is chosen. */
export function renderDurationChart(container, { runs, selectedRunId, onSelectRun }) {
  if (!runs.length) {
    container.replaceChildren(h('p', { class: 'empty' }, 'No runs yet.'));
    return;
  }
  // The chart is redrawn on every refresh: a keyboard user keeps focus on the bar they were on.
  const focusedRun = container.contains(document.activeElement) ? document.activeElement.dataset?.run : null;
  const bars = durationBars(runs);
  const top = Math.max(1, ...bars.map((b) => b.ms));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const slot = plotW / Math.max(bars.length, 8);
  const barW = Math.min(32, slot * 0.72);
  const y = (ms) => M.top + plotH - (ms / top) * plotH;
  const x = (i) => M.left + (i * slot) + ((slot - barW) / 2);

  const ticks = [0, top / 2, top].map((ms) => s('g', { class: 'chart-tick' },
    s('line', { x1: M.left, x2: W - M.right, y1: y(ms), y2: y(ms) }),
    s('text', { x: M.left - 6, y: y(ms) + 4, 'text-anchor': 'end' }, duration(ms))));
  // The first, middle and last starts, leaving out the middle one when it would run into another.
  const labelled = [];
  for (const i of [0, Math.floor((bars.length - 1) / 2), bars.length - 1]) {
    const prev = labelled.at(-1);
    if (prev === undefined || x(i) - x(prev) >= 90) labelled.push(i);
    else if (i === bars.length - 1 && labelled.length > 1) labelled[labelled.length - 1] = i;
  }
  const times = labelled.map((i) => s('text', { class: 'chart-time', x: x(i) + (barW / 2), y: H - M.bottom + 16, 'text-anchor': 'middle' },
    Number.isNaN(bars[i].startMs) ? '' : shortTime(bars[i].startMs)));
  const rects = bars.map((bar, i) => {
    const name = `Run ${bar.runId}: ${label(bar.state)}, ${duration(bar.ms)}`;
    const height = Math.max(2, M.top + plotH - y(bar.ms));
    const rect = s('rect', {
      class: ['chart-bar', `s-${known(bar.state)}`, bar.runId === selectedRunId && 'selected'],
      x: x(i), y: M.top + plotH - height, width: barW, height, rx: 2,
      tabindex: '0', role: 'button', 'aria-label': name, dataset: { run: bar.runId, state: bar.state },
    }, s('title', null, name));
    const choose = () => onSelectRun?.(bar.runId);
    rect.addEventListener('click', choose);
    rect.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); choose(); } });
    return rect;
  });
  const zone = zoneAbbreviation();
  container.replaceChildren(s('svg', {
    class: 'chart', width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: 'group',
    'aria-label': `Durations of the last ${bars.length} runs, oldest left`,
  },
  s('g', { class: 'chart-axis' }, ticks,
    s('line', { x1: M.left, x2: M.left, y1: M.top, y2: M.top + plotH }),
    s('text', { class: 'chart-axis-title', x: 12, y: M.top + (plotH / 2), transform: `rotate(-90 12 ${M.top + (plotH / 2)})`, 'text-anchor': 'middle' }, 'duration'),
    times,
    s('text', { class: 'chart-axis-title', x: M.left + (plotW / 2), y: H - 6, 'text-anchor': 'middle' }, `run start (${zone})`)),
  s('g', { class: 'chart-bars' }, rects)));
  rects.find((rect) => focusedRun && rect.dataset.run === focusedRun)?.focus();
}
