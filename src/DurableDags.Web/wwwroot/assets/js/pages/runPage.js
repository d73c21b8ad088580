// A run: its facts, the actions on it, its approvals, the Gantt chart of its node attempts with the
// longest path, one node's attempts, error, output and log, and the run's alerts and event log.
// Polled while the run is not finished.
import { announce, h } from '../dom.js';
import { api } from '../api.js';
import { dateTime, duration, elapsed, json, logicalDate } from '../format.js';
import { badge, isFinalRun, legend } from '../states.js';
import { navigate, paths, setQuery } from '../router.js';
import { pollWhile } from '../poller.js';
import { renderGantt } from '../views/gantt.js';
import { renderNodePanel, updateCountdowns } from '../views/nodePanel.js';
import { rerun, runActions } from '../views/runActions.js';
import { approvalsView } from '../views/approvals.js';
import { confirmAction } from '../views/confirmDialog.js';
import { makeLogView } from '../views/logView.js';
import { runHistory } from '../views/runHistory.js';
import { act } from '../views/problemView.js';
import { stateCounts, triggerText } from '../views/runSummary.js';
import { setCrumbs } from '../views/chrome.js';
import { facts } from '../views/facts.js';
import { problemBox } from '../views/problemView.js';
import { DagVersions, versionNote } from '../graph/runVersion.js';

const LIVE_MS = 1500;

function runFacts(dagId, run, dagZone) {
  const rerunOf = run.trigger?.kind === 'rerun' && run.trigger.rerunOf;
  return facts([
    ['DAG', [h('a', { href: paths.dag(dagId, run.runId) }, dagId), ` v${run.dagVersion ?? '?'}`]],
    ['Trigger', rerunOf ? ['rerun of ', h('a', { href: paths.run(dagId, rerunOf) }, rerunOf)] : triggerText(run.trigger)],
    ['Logical date', logicalDate(run.logicalDate, dagZone)],
    ['Started', dateTime(run.startedAt ?? run.createdAt)],
    ['Ended', dateTime(run.endedAt)],
    ['Duration', duration(elapsed(run.startedAt ?? run.createdAt, run.endedAt))],
    ['Nodes', stateCounts(run.nodes)],
  ], { row: true });
}

/** The node to show: the one asked for, else the first that failed (a run may fail while shown). */
function nodeToShow(run, asked) {
  if (asked && run.nodes.some((n) => n.nodeId === asked)) return asked;
  return run.nodes.find((n) => n.state === 'failed')?.nodeId ?? null;
}

export async function runPage(main, { params: { dagId, runId }, query, signal }) {
  setCrumbs([{ text: dagId, href: paths.dag(dagId) }, { text: runId }]);
  main.replaceChildren(h('p', { class: 'hint' }, 'Loading…'));
  const [dag, first] = await Promise.all([api.getDag(dagId, signal), api.getRun(dagId, runId, signal)]);
  // The run's own DAG version gives its nodes' needs and types; the DAG may have changed since.
  const definition = await new DagVersions(dag, signal).forRun(first);
  const types = new Map(definition.nodes.map((n) => [n.id, n.type]));
  let run = first;
  let asked = query.get('node');
  let selected = null;

  const title = h('div', { class: 'run-title' });
  const factsBox = h('div');
  const runError = h('div');
  const problems = h('div');
  const ganttBox = h('div', { class: 'gantt-box', id: 'gantt' });
  const panelBox = h('section', { class: 'card', id: 'node-panel', 'aria-live': 'polite' });
  const approvalsBox = h('section', { class: 'card approvals', id: 'approvals', 'aria-labelledby': 'approvals-title', hidden: true });
  const historyBox = h('div', { class: 'run-history' });
  const onChanged = () => refresh().catch((e) => problems.replaceChildren(problemBox(e, 'The run could not be read')));
  const actions = runActions(dagId, runId, {
    nodeIds: run.nodes.map((n) => n.nodeId),
    onRerun: (newRunId) => navigate(paths.run(dagId, newRunId)),
    onChanged,
  });
  const updateApprovals = approvalsView(approvalsBox, dagId, { onChanged });
  const updateHistory = runHistory(historyBox, dagId, runId, { signal });
  const logView = makeLogView(dagId, runId, { signal, isLive: attemptIsLive });
  main.replaceChildren(
    h('div', { class: 'page-head' }, title, factsBox, versionNote(definition, dag),
      h('details', { class: 'params' }, h('summary', null, 'Params'), h('pre', { class: 'json' }, json(run.params ?? {})))),
    runError, problems,
    h('section', { class: 'card', 'aria-label': 'Actions' }, actions.element),
    approvalsBox,
    h('section', { class: 'card', 'aria-labelledby': 'gantt-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'gantt-title' }, 'Attempts in time'),
        h('span', { class: 'hint' }, 'choose a row to see that node below')),
      ganttBox, legend(['running', 'up_for_retry', 'waiting', 'succeeded', 'failed', 'cancelled'])),
    panelBox, historyBox);

  /** Whether an attempt may still write to its log: the run goes on and the attempt has not ended. */
  function attemptIsLive(nodeId, attempt, index) {
    if (isFinalRun(run.state)) return false;
    const node = run.nodes.find((n) => n.nodeId === nodeId);
    const item = index === undefined ? node : node?.instances?.find((i) => i.index === index);
    const found = item?.attemptList?.find((a) => a.attempt === attempt);
    if (found) return !found.endedAt;
    return item?.attempts === attempt && !item.endedAt;
  }

  async function markNode(nodeId, state) {
    const final = isFinalRun(run.state);
    const sure = await confirmAction({
      title: `Mark ${nodeId} ${state === 'succeeded' ? 'success' : 'failed'}?`,
      message: final
        ? `A new run of ${dagId} starts from run ${runId} with node ${nodeId} ${state}; everything downstream of it runs again.`
        : `Node ${nodeId} of run ${runId} stops waiting and ends ${state}; the run goes on from there.`,
      confirmText: state === 'succeeded' ? 'Mark success' : 'Mark failed', danger: state === 'failed',
      reason: { label: 'Reason (optional)', required: false },
    });
    if (!sure) return;
    const button = [...panelBox.querySelectorAll('.mark-button')].find((b) => b.textContent === (state === 'succeeded' ? 'Mark success' : 'Mark failed'));
    await act(button, `Marking ${nodeId} ${state}`, async () => {
      const started = await api.mark(dagId, runId, nodeId, state, sure.reason ?? undefined);
      announce(`${nodeId} marked ${state}`);
      if (started?.runId && started.runId !== runId) navigate(paths.run(dagId, started.runId));
      else await refresh();
    });
  }

  let panelShown = null;
  function drawPanel() {
    const node = run.nodes.find((n) => n.nodeId === selected);
    if (!node) {
      panelShown = null;
      logView.hide();
      panelBox.replaceChildren(h('p', { class: 'hint' }, 'Choose a node in the chart to see its attempts, error, output and log.'));
      return;
    }
    updateCountdowns(panelBox);
    const snapshot = JSON.stringify([run.state, node]);
    if (snapshot === panelShown) return;
    panelShown = snapshot;
    if (logView.shown && logView.shown.nodeId !== node.nodeId) logView.hide();
    logView.keepScroll(() => renderNodePanel(panelBox, {
      dagId, run, node, nodeType: types.get(node.nodeId), logView,
      onMark: markNode,
      onRerunFrom: (nodeId) => rerun(panelBox.querySelector('.node-panel-head button'), dagId, runId, { from: nodeId },
        (id) => navigate(paths.run(dagId, id))),
    }));
  }

  function selectNode(nodeId) {
    asked = nodeId;
    setQuery('node', nodeId);
    draw();
    panelBox.scrollIntoView({ block: 'nearest' });
  }

  function draw() {
    selected = nodeToShow(run, asked);
    title.replaceChildren(h('h1', null, 'Run ', h('span', { class: 'run-id' }, run.runId)), badge(run.state));
    factsBox.replaceChildren(runFacts(dagId, run, dag.timezone));
    runError.replaceChildren(...(run.error ? [h('div', { class: 'problem' }, h('p', { class: 'problem-title' }, 'The run failed'),
      h('pre', { class: 'error-text' }, typeof run.error === 'string' ? run.error : json(run.error)))] : []));
    // Approvals have their own buttons; the generic event form opens for other waits on an event.
    const waiting = run.nodes.some((n) => n.state === 'waiting' && (n.wait?.event || types.get(n.nodeId) === 'sensor') && types.get(n.nodeId) !== 'approval');
    actions.update(run, waiting);
    updateApprovals(run, types);
    renderGantt(ganttBox, run, definition.nodes, { onSelect: selectNode, selected });
    drawPanel();
    updateHistory(run);
  }

  async function refresh() {
    run = await api.getRun(dagId, runId, signal);
    problems.replaceChildren();
    draw();
    return !isFinalRun(run.state);
  }

  draw();
  if (!isFinalRun(run.state)) {
    pollWhile(refresh, { intervalMs: LIVE_MS, signal, onError: (e) => problems.replaceChildren(problemBox(e, 'The run could not be read')) });
  }
}
