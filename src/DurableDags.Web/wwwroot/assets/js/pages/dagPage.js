// A DAG: its graph coloured by the selected run (live while that run goes on), the grid of recent
// runs by node, the trigger form, and pause or unpause.
import { announce, h } from '../dom.js';
import { api } from '../api.js';
import { dateTime, relative } from '../format.js';
import { isFinalRun, label, legend, NODE_STATES } from '../states.js';
import { navigate, paths, setQuery } from '../router.js';
import { pollWhile } from '../poller.js';
import { createRunGraph } from '../graph/runVersion.js';
import { renderGrid } from '../views/runGrid.js';
import { renderTriggerForm } from '../views/triggerForm.js';
import { renderRunSummary } from '../views/runSummary.js';
import { RunCache } from '../views/runCache.js';
import { setCrumbs } from '../views/chrome.js';
import { facts } from '../views/facts.js';
import { act, problemBox } from '../views/problemView.js';

const LIST_RUNS = 25;
const GRID_RUNS = 12;
const LIVE_MS = 1500;
const REFRESH_MS = 5000;

/** Timings the browser tests read back: performance.getEntriesByName('dag-page-ready') and others. */
function measure(name, start) {
  performance.measure(name, { start, end: performance.now() });
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function header(dag, onToggled) {
  const button = h('button', { type: 'button' }, dag.paused ? 'Unpause' : 'Pause');
  button.addEventListener('click', () => act(button, dag.paused ? 'Unpausing' : 'Pausing', async () => {
    const result = await (dag.paused ? api.unpause(dag.id) : api.pause(dag.id));
    onToggled(result?.paused ?? !dag.paused);
  }));
  return h('div', { class: 'page-head' },
    h('div', null, h('h1', null, dag.id), dag.description ? h('p', { class: 'lead' }, dag.description) : null),
    facts([
      ['Schedule', dag.schedule ? [h('code', null, dag.schedule), ` ${dag.timezone ?? 'UTC'}`] : 'manual only'],
      ['Next run', dag.nextRunAt ? `${dateTime(dag.nextRunAt)} (${relative(dag.nextRunAt)})` : '—'],
      ['Version', `v${dag.version}`],
      ['Nodes', String(dag.nodes.length)],
      ['Scheduling', [h('span', { class: ['pill', dag.paused ? 'pill-paused' : 'pill-active'] }, dag.paused ? 'paused' : 'active'), ' ', button]],
    ], { row: true }),
    dag.definition ? h('details', { class: 'definition' }, h('summary', null, 'Definition'), h('pre', { class: 'mono' }, dag.definition)) : null);
}

export async function dagPage(main, { params: { dagId }, query, signal }) {
  const started = performance.now();
  setCrumbs([{ text: dagId }]);
  main.replaceChildren(h('p', { class: 'hint' }, 'Loading…'));
  const cache = new RunCache(dagId, signal);
  const listed = api.listRuns(dagId, { limit: LIST_RUNS }, signal);
  // The recent runs start loading as soon as their ids are known, while the graph is drawn.
  listed.then((page) => cache.many(page.runs.slice(0, GRID_RUNS).map((r) => r.runId))).catch(() => {});
  const [dag, firstRuns] = await Promise.all([api.getDag(dagId, signal), listed]);
  measure('dag-page-data', started);
  let runs = firstRuns.runs;
  let selectedRunId = query.get('run') ?? runs[0]?.runId ?? null;

  const headBox = h('div');
  const runSelect = h('select', { id: 'run-select' });
  const graphBox = h('div', { class: 'graph-box', id: 'graph' });
  const graphNote = h('div', { id: 'graph-version' });
  const gridBox = h('div', { class: 'grid-box', id: 'grid' });
  const formBox = h('div', { id: 'trigger' });
  const summaryBox = h('section', { class: 'card', id: 'run-summary', 'aria-live': 'polite' });
  const problems = h('div');
  const drawHead = () => headBox.replaceChildren(header(dag, (paused) => { dag.paused = paused; drawHead(); announce(paused ? 'Paused' : 'Unpaused'); }));
  drawHead();
  main.replaceChildren(headBox, problems, h('div', { class: 'dag-layout' },
    h('div', { class: 'dag-main' },
      h('section', { class: 'card', 'aria-labelledby': 'graph-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'graph-title' }, 'Graph'),
          h('label', { for: 'run-select' }, 'Run '), runSelect),
        graphNote, graphBox, legend(NODE_STATES)),
      h('section', { class: 'card', 'aria-labelledby': 'grid-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'grid-title' }, 'Recent runs by node'),
          h('span', { class: 'hint' }, 'oldest left; a column header selects that run')), gridBox)),
    h('aside', { class: 'dag-side' }, summaryBox,
      h('section', { class: 'card', 'aria-labelledby': 'trigger-title' }, h('h2', { id: 'trigger-title' }, 'Trigger a run'), formBox))));

  const graphStart = performance.now();
  const runGraph = createRunGraph(graphBox, graphNote, dag, {
    signal,
    onSelect: (nodeId) => (selectedRunId ? navigate(paths.run(dagId, selectedRunId, nodeId))
      : announce('Trigger or select a run to see this node in it')),
  });
  const { graph } = runGraph;
  graphBox.getBoundingClientRect();
  measure('dag-graph-render', graphStart);
  const nodeOrder = graph.layout.layers.flat();

  function fillRunSelect() {
    runSelect.replaceChildren(...(runs.length ? [] : [h('option', { value: '' }, 'no runs yet')]),
      ...runs.map((run) => h('option', { value: run.runId }, `${label(run.state)} · ${run.runId}`)));
    if (selectedRunId && !runs.some((r) => r.runId === selectedRunId)) runSelect.prepend(h('option', { value: selectedRunId }, selectedRunId));
    runSelect.value = selectedRunId ?? '';
  }

  async function drawGrid() {
    const details = await cache.many(runs.slice(0, GRID_RUNS).map((r) => r.runId));
    const gridStart = performance.now();
    renderGrid(gridBox, { dagId, nodeIds: nodeOrder, runs: details.reverse(), selectedRunId, onSelectRun: (id) => select(id).catch(reportGrid) });
    measure('dag-grid-render', gridStart);
  }

  let runsSeen = '';
  async function refreshRuns() {
    runs = (await api.listRuns(dagId, { limit: LIST_RUNS }, signal)).runs;
    problems.replaceChildren();
    const seen = runs.map((r) => `${r.runId}:${r.state}`).join();
    if (seen === runsSeen) return;
    runsSeen = seen;
    fillRunSelect();
    await (!selectedRunId && runs.length ? select(runs[0].runId) : drawGrid());
  }

  let live = null;
  function select(runId) {
    selectedRunId = runId || null;
    setQuery('run', selectedRunId);
    runSelect.value = selectedRunId ?? '';
    live?.abort();
    if (selectedRunId) runGraph.clear(); else runGraph.show(null).catch(reportGrid);
    renderRunSummary(summaryBox, dagId, null);
    if (!selectedRunId) return drawGrid();
    const following = selectedRunId;
    const ctrl = new AbortController();
    signal.addEventListener('abort', () => ctrl.abort(), { once: true });
    live = ctrl;
    pollWhile(async () => {
      const run = await cache.get(following);
      if (ctrl.signal.aborted) return false; // another run was selected meanwhile
      await runGraph.show(run);
      if (ctrl.signal.aborted) return false;
      renderRunSummary(summaryBox, dagId, run);
      if (!isFinalRun(run.state)) return true;
      await refreshRuns();
      return false;
    }, { intervalMs: LIVE_MS, signal: ctrl.signal, onError: (e) => problems.replaceChildren(problemBox(e, 'The run could not be read')) });
    return drawGrid();
  }
  const reportGrid = (e) => problems.replaceChildren(problemBox(e, 'The recent runs could not be read'));
  runSelect.addEventListener('change', () => select(runSelect.value).catch(reportGrid));

  renderTriggerForm(formBox, dag, {
    onStarted: async ({ runId }) => {
      announce(`Run ${runId} started`);
      select(runId).catch(reportGrid);
      await refreshRuns();
    },
  });

  fillRunSelect();
  renderRunSummary(summaryBox, dagId, null);
  runsSeen = runs.map((r) => `${r.runId}:${r.state}`).join();
  await select(selectedRunId);
  await nextFrame();
  measure('dag-page-ready', started);

  pollWhile(async () => { await refreshRuns(); return true; }, {
    intervalMs: REFRESH_MS, signal, onError: (e) => problems.replaceChildren(problemBox(e, 'The runs could not be listed')),
  });
}
