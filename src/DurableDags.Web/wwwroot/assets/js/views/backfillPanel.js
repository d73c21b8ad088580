// Backfills of a DAG: a form that asks for a dry run first (the logical dates the range holds, in
// the DAG's zone) and then starts it, and the DAG's backfills with their progress. The API has no
// list of backfills, so they are found through the DAG's runs of trigger kind "backfill" (plus the
// ones this page started, whose first runs may not exist yet).
import { announce, h } from '../dom.js';
import { api } from '../api.js';
import { icon, known } from '../states.js';
import { pollWhile } from '../poller.js';
import { dateTimeIn, zonedDateTime } from '../zones.js';
import { problemBox } from './problemView.js';

const REFRESH_MS = 2000;

function progressText(p) {
  const ended = p.succeeded + p.failed;
  return `${ended} of ${p.total} ended · ${p.succeeded} succeeded · ${p.failed} failed · ${p.running} running · ${p.pending} pending`;
}

/** A backfill's state (running, completed, cancelled) in the colours and icon of the run state it is like. */
function stateBadge(state) {
  const like = known(state === 'completed' ? 'succeeded' : state);
  return h('span', { class: ['badge', `s-${like}`, 'backfill-state'] }, icon(like), h('span', { class: 'badge-text' }, state));
}

function backfillItem(backfill) {
  const p = backfill.progress;
  return h('li', { class: 'backfill', dataset: { backfill: backfill.backfillId, state: backfill.state } },
    h('div', { class: 'backfill-head' }, stateBadge(backfill.state), h('span', { class: 'run-id' }, backfill.backfillId)),
    h('progress', { max: String(Math.max(1, p.total)), value: String(p.succeeded + p.failed), 'aria-label': `Progress of ${backfill.backfillId}` }),
    h('p', { class: 'hint backfill-progress' }, progressText(p)),
    h('p', { class: 'hint' }, `${backfill.from.slice(0, 10)} to ${backfill.to.slice(0, 10)}, started ${zonedDateTime(backfill.createdAt)}`
      + `${backfill.createdBy ? ` by ${backfill.createdBy}` : ''}`));
}

/** Draws the form and the list into container; the list refreshes while a backfill runs. */
export function renderBackfills(container, dag, { signal, onStarted }) {
  if (!dag.schedule) {
    container.replaceChildren(h('p', { class: 'hint' }, 'Backfills need a schedule: this DAG runs only when triggered.'));
    return;
  }
  const started = new Set();
  const from = h('input', { type: 'date', id: 'backfill-from', required: true });
  const to = h('input', { type: 'date', id: 'backfill-to', required: true });
  const dry = h('button', { type: 'submit' }, 'Dry run');
  const start = h('button', { type: 'button', class: 'primary', id: 'backfill-start', hidden: true }, 'Start backfill');
  const preview = h('div', { id: 'backfill-preview', 'aria-live': 'polite' });
  const list = h('ul', { class: 'backfills', id: 'backfills' });
  const form = h('form', { class: 'backfill-form' },
    h('div', { class: 'backfill-range' },
      h('div', { class: 'field' }, h('label', { for: 'backfill-from' }, 'From'), from),
      h('div', { class: 'field' }, h('label', { for: 'backfill-to' }, 'To'), to)),
    h('p', { class: 'hint' }, `Dates are whole days in the DAG's zone, ${dag.timezone ?? 'UTC'}; both ends included.`),
    h('div', { class: 'action-row' }, dry, start), preview);
  // A start always follows a dry run of the same range: changing a date asks for a new one.
  const invalidate = () => { start.hidden = true; preview.replaceChildren(); };
  from.addEventListener('input', invalidate);
  to.addEventListener('input', invalidate);

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    dry.disabled = true;
    try {
      const plan = await api.createBackfill(dag.id, { from: from.value, to: to.value, dryRun: true });
      preview.replaceChildren(
        h('p', { class: 'backfill-total' }, `${plan.total} run${plan.total === 1 ? '' : 's'} to start, one per logical date:`),
        h('ol', { class: 'backfill-dates' }, plan.logicalDates.map((d) => h('li', null, h('time', { datetime: d }, dateTimeIn(d, dag.timezone ?? 'UTC'))))));
      start.hidden = false;
    } catch (error) {
      preview.replaceChildren(problemBox(error, 'The dry run was refused'));
    } finally {
      dry.disabled = false;
    }
  });

  let polling = false;
  async function refresh() {
    const runs = (await api.searchRuns({ dagId: dag.id, trigger: 'backfill', limit: 200 }, signal)).runs;
    for (const run of runs) if (run.trigger?.backfillId) started.add(run.trigger.backfillId);
    const backfills = await Promise.all([...started].map((id) => api.getBackfill(dag.id, id, signal)));
    backfills.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    list.replaceChildren(...(backfills.length ? backfills.map(backfillItem) : [h('li', { class: 'hint' }, 'No backfills yet.')]));
    return backfills.some((b) => b.state === 'running');
  }
  function follow() {
    if (polling) return;
    polling = true;
    pollWhile(refresh, {
      intervalMs: REFRESH_MS, signal,
      onError: (error) => list.replaceChildren(h('li', null, problemBox(error, 'The backfills could not be read'))),
    }).finally(() => { polling = false; });
  }

  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      const backfill = await api.createBackfill(dag.id, { from: from.value, to: to.value });
      started.add(backfill.backfillId);
      announce(`Backfill ${backfill.backfillId} started`);
      invalidate();
      follow();
      onStarted?.(backfill);
    } catch (error) {
      preview.replaceChildren(problemBox(error, 'The backfill was refused'));
    } finally {
      start.disabled = false;
    }
  });

  container.replaceChildren(form, h('h3', null, 'Backfills'), list);
  follow();
}
