// Airflow's grid view: one column per recent run (oldest left), one row per node, each cell the
// node's state in that run. Built as one HTML string: a 500-node DAG has thousands of cells.
import { escapeHtml } from '../dom.js';
import { dateTime } from '../format.js';
import { iconHtml, known, label } from '../states.js';
import { paths } from '../router.js';

function cell(tag, state, title, attrs) {
  const name = escapeHtml(title);
  return `<${tag} class="mark s-${known(state)}" title="${name}" aria-label="${name}" data-state="${escapeHtml(state)}" ${attrs}>${iconHtml(state)}</${tag}>`;
}

/**
 * nodeIds: rows in display order; runs: run bodies, oldest first. onSelectRun(runId) is called
 * when a column's header is chosen; cells link to the node on the run's page.
 */
export function renderGrid(container, { dagId, nodeIds, runs, selectedRunId, onSelectRun }) {
  if (!runs.length) {
    container.innerHTML = '<p class="empty">No runs yet. Trigger one with the form.</p>';
    return;
  }
  const statesByRun = runs.map((run) => new Map(run.nodes.map((n) => [n.nodeId, n.state])));
  const sel = (run) => (run.runId === selectedRunId ? ' class="selected"' : '');
  const head = runs.map((run) => `<th scope="col"${sel(run)}>${cell('button', run.state,
    `Run ${run.runId}, ${label(run.state)}, ${dateTime(run.logicalDate ?? run.createdAt)}`,
    `type="button" data-run="${escapeHtml(run.runId)}"`)}</th>`).join('');
  const body = nodeIds.map((nodeId) => {
    const cells = runs.map((run, i) => {
      const state = statesByRun[i].get(nodeId);
      if (!state) return `<td${sel(run)}><span class="mark mark-absent" title="not in this run">·</span></td>`;
      const href = escapeHtml(paths.run(dagId, run.runId, nodeId));
      return `<td${sel(run)}>${cell('a', state, `${nodeId} in ${run.runId}: ${label(state)}`, `href="${href}"`)}</td>`;
    }).join('');
    return `<tr><th scope="row" title="${escapeHtml(nodeId)}">${escapeHtml(nodeId)}</th>${cells}</tr>`;
  }).join('');
  container.innerHTML = `<table class="grid"><caption class="sr-only">States of each node in the last ${runs.length} runs, oldest first</caption>`
    + `<thead><tr><th scope="col" class="grid-corner">Node</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
  if (onSelectRun) {
    container.querySelector('thead').addEventListener('click', (event) => {
      const button = event.target.closest('button[data-run]');
      if (button) onSelectRun(button.dataset.run);
    });
  }
}
