// A DAG: its graph coloured by the selected run (live while that run goes on), the grid of recent
// runs by node, their durations, the trigger form, backfills, versions, pause and delete.
import { announce, h } from '../dom.js';
import { api } from '../api.js';
import { relative } from '../format.js';
import { browserZoneLabel, dateTimeIn, zoneAbbreviation, zonedDateTime } from '../zones.js';
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
import { renderDurationChart } from '../views/durationChart.js';
import { renderBackfills } from '../views/backfillPanel.js';
import { renderVersionHistory } from '../views/versionHistory.js';
import { deleteDagButton } from '../views/deleteDag.js';

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

/** The next run in the browser's zone, and in the DAG's own when that differs. */
function nextRun(dag) {
  if (!dag.nextRunAt) return '—';
  const zone = dag.timezone ?? 'UTC';
  const own = zoneAbbreviation(new Date(dag.nextRunAt), zone) === zoneAbbreviation(new Date(dag.nextRunAt)) ? null
    : h('span', { class: 'hint' }, ` = ${dateTimeIn(dag.nextRunAt, zone)} in ${zone}`);
  return [h('span', { class: 'next-run' }, `${zonedDateTime(dag.nextRunAt)} (${relative(dag.nextRunAt)})`), own];
}

function header(dag, onToggled, runsNow, signal) {
  const button = h('button', { type: 'button' }, dag.paused ? 'Unpause' : 'Pause');
  button.addEventListener('click', () => act(button, dag.paused ? 'Unpausing' : 'Pausing', async () => {
    const result = await (dag.paused ? api.unpause(dag.id) : api.pause(dag.id));
    onToggled(result?.paused ?? !dag.paused);
  }));
  return h('div', { class: 'page-head' },
    h('div', null, h('h1', null, dag.id), dag.description ? h('p', { class: 'lead' }, dag.description) : null),
    facts([
      ['Schedule', dag.schedule ? [h('code', null, dag.schedule), ' in ', h('span', { class: 'schedule-zone' }, dag.timezone ?? 'UTC')] : 'manual only'],
      ['Next run', nextRun(dag)],
      ['Version', `v${dag.version}`],
      ['Nodes', String(dag.nodes.length)],
      ['Scheduling', [h('span', { class: ['pill', dag.paused ? 'pill-paused' : 'pill-active'] }, dag.paused ? 'paused' : 'active'), ' ', button]],
      ['DAG', deleteDagButton(dag, runsNow, signal)],
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
  const chartBox = h('div', { class: 'chart-box', id: 'durations' });
  const backfillBox = h('div', { id: 'backfill' });
  const versionsBox = h('div', { id: 'versions' });
  const problems = h('div');
  const runsNow = () => ({ runs, listFull: runs.length >= LIST_RUNS });
  const drawHead = () => headBox.replaceChildren(header(dag, (paused) => { dag.paused = paused; drawHead(); announce(paused ? 'Paused' : 'Unpaused'); }, runsNow, signal));
  drawHead();
  main.replaceChildren(headBox, problems, h('div', { class: 'dag-layout' },
    h('div', { class: 'dag-main' },
      h('section', { class: 'card', 'aria-labelledby': 'graph-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'graph-title' }, 'Graph'),
          h('label', { for: 'run-select' }, 'Run '), runSelect),
        graphNote, graphBox, legend(NODE_STATES)),
      h('section', { class: 'card', 'aria-labelledby': 'grid-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'grid-title' }, 'Recent runs by node'),
          h('span', { class: 'hint' }, `oldest left; a column header selects that run; times in ${browserZoneLabel()}`)), gridBox),
      h('section', { class: 'card', 'aria-labelledby': 'durations-title' },
        h('div', { class: 'section-head' }, h('h2', { id: 'durations-title' }, 'Run durations'),
          h('span', { class: 'hint' }, `the last ${LIST_RUNS} runs; a bar selects its run`),
          h('a', { href: `/runs?dag=${encodeURIComponent(dagId)}`, id: 'all-runs' }, 'All runs')), chartBox),
      h('section', { class: 'card', 'aria-labelledby': 'versions-title' }, h('h2', { id: 'versions-title' }, 'Versions'), versionsBox)),
    h('aside', { class: 'dag-side' }, summaryBox,
      h('section', { class: 'card', 'aria-labelledby': 'trigger-title' }, h('h2', { id: 'trigger-title' }, 'Trigger a run'), formBox),
      h('section', { class: 'card', 'aria-labelledby': 'backfill-title' }, h('h2', { id: 'backfill-title' }, 'Backfill'), backfillBox))));

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

  // The bodies the grid shows, oldest first. A live run's column is replaced by each poll's body:
  // the runs list only says "running", so redrawing on a change of the list alone left the column
  // as it was when first read until the run ended.
  let gridRuns = [];
  let gridDrawn = '';
  function paintGrid() {
    const drawn = `${selectedRunId}|${gridRuns.map((r) => `${r.runId}:${r.state}:${r.nodes.map((n) => n.state).join()}`).join('|')}`;
    if (drawn === gridDrawn) return;
    gridDrawn = drawn;
    const gridStart = performance.now();
    renderGrid(gridBox, { dagId, nodeIds: nodeOrder, runs: gridRuns, selectedRunId, onSelectRun: (id) => select(id).catch(reportGrid) });
    measure('dag-grid-render', gridStart);
  }

  async function drawGrid() {
    const details = await cache.many(runs.slice(0, GRID_RUNS).map((r) => r.runId));
    gridRuns = details.reverse();
    paintGrid();
  }

  function showLive(run) {
    const i = gridRuns.findIndex((r) => r.runId === run.runId);
    if (i < 0) return;
    gridRuns = gridRuns.with(i, run);
    paintGrid();
  }

  const drawChart = () => renderDurationChart(chartBox, { runs, selectedRunId, onSelectRun: (id) => select(id).catch(reportGrid) });

  let runsSeen = '';
  async function refreshRuns() {
    runs = (await api.listRuns(dagId, { limit: LIST_RUNS }, signal)).runs;
    problems.replaceChildren();
    drawChart(); // a run that goes on grows its bar
    const seen = runs.map((r) => `${r.runId}:${r.state}`).join();
    // Runs that go on change node by node under an unchanged list: their columns are read again.
    if (seen === runsSeen && gridRuns.every((r) => isFinalRun(r.state))) return;
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
    drawChart();
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
      showLive(run);
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
  // Below the fold and not needed to read the runs: these load once the graph and grid stand.
  renderBackfills(backfillBox, dag, { signal, onStarted: () => refreshRuns().catch(reportGrid) });
  renderVersionHistory(versionsBox, dag, signal);

  pollWhile(async () => { await refreshRuns(); return true; }, {
    intervalMs: REFRESH_MS, signal, onError: (e) => problems.replaceChildren(problemBox(e, 'The runs could not be listed')),
  });
}
