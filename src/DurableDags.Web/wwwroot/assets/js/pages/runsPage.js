// The runs of every DAG (GET /api/runs), newest first. The filters live in the page's query, so a
// filtered list can be bookmarked and shared; /runs?dag=X is one DAG's runs. While a listed run
// has not ended, the shown rows are read again every few seconds.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime, duration, elapsed } from '../format.js';
import { badge, isFinalRun } from '../states.js';
import { navigate, paths } from '../router.js';
import { follower } from '../poller.js';
import { setCrumbs } from '../views/chrome.js';
import { act, problemBox } from '../views/problemView.js';
import { runFilterForm } from '../views/runFilters.js';

const REFRESH_MS = 3000;
const PAGE_SIZE = 25;
const MAX_LIMIT = 200;

/** A date alone (as a date field gives it) is that whole day in the browser's zone. */
function instant(value, endOfDay) {
  if (!value) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const day = new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(day.getTime()) ? value : day.toISOString();
}

/** The API's query for the page's query; a bad value is sent as typed so the server names it. */
function searchQuery(query) {
  const limit = Number.parseInt(query.get('limit') ?? '', 10);
  return {
    dagId: query.get('dag') || undefined,
    state: query.get('state') || undefined,
    trigger: query.get('trigger') || undefined,
    q: query.get('q')?.trim() || undefined,
    logicalFrom: instant(query.get('logicalFrom'), false),
    logicalTo: instant(query.get('logicalTo'), true),
    createdFrom: instant(query.get('createdFrom'), false),
    createdTo: instant(query.get('createdTo'), true),
    limit: limit > 0 ? Math.min(limit, MAX_LIMIT) : PAGE_SIZE,
  };
}

function row(run) {
  return h('tr', { dataset: { dag: run.dagId, run: run.runId, state: run.state } },
    h('td', null, h('a', { href: paths.dag(run.dagId) }, run.dagId)),
    h('th', { scope: 'row' }, h('a', { href: paths.run(run.dagId, run.runId), class: 'run-id' }, run.runId)),
    h('td', null, badge(run.state)),
    h('td', null, run.trigger?.kind ?? '—'),
    h('td', null, dateTime(run.logicalDate)),
    h('td', null, dateTime(run.startedAt)),
    h('td', { class: 'num' }, run.startedAt ? duration(elapsed(run.startedAt, run.endedAt)) : '—'));
}

function table(runs) {
  return h('table', { class: 'dags runs' },
    h('thead', null, h('tr', null, ['DAG', 'Run', 'State', 'Trigger', 'Logical date', 'Started', 'Duration']
      .map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, runs.map(row)));
}

export async function runsPage(main, { query, signal }) {
  const dag = query.get('dag');
  setCrumbs(dag ? [{ text: dag, href: paths.dag(dag) }, { text: 'Runs' }] : [{ text: 'Runs' }]);
  const search = searchQuery(query);
  const body = h('div', { class: 'runs-body' }, h('p', { class: 'hint' }, 'Loading…'));
  const form = runFilterForm(query, (filters) => navigate(paths.runs(filters)));
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', null, dag ? `Runs of ${dag}` : 'Runs'),
    h('p', { class: 'lead' }, 'Newest first. Filters are kept in the address, so this list can be bookmarked.')), form.element, body);
  api.listDags(signal).then(({ dags }) => form.setDags(dags.map((d) => d.id)), () => { /* the field stays as typed */ });

  let runs = [];
  let next = null;
  let shown = null;

  function draw() {
    const snapshot = JSON.stringify([runs, next]);
    if (snapshot === shown) return;
    shown = snapshot;
    if (!runs.length) {
      body.replaceChildren(h('p', { class: 'empty' }, 'No run matches these filters.'));
      return;
    }
    const more = next ? h('button', { type: 'button', class: 'load-more' }, 'Load more') : null;
    more?.addEventListener('click', () => act(more, 'Loading more runs', async () => {
      const page = await api.searchRuns({ ...search, cursor: next }, signal);
      runs = [...runs, ...page.runs];
      next = page.next;
      draw();
      body.querySelector('.load-more')?.focus();
      follow();
    }));
    body.replaceChildren(table(runs),
      h('p', { class: 'hint', role: 'status' }, `${runs.length} run${runs.length === 1 ? '' : 's'} shown${next ? '; there are more' : ''}.`),
      ...(more ? [more] : []));
  }

  const active = () => runs.some((run) => !isFinalRun(run.state));

  // Reads the shown rows again in one call (as many as are shown, up to the API's limit).
  async function refresh() {
    const page = await api.searchRuns({ ...search, limit: Math.min(MAX_LIMIT, Math.max(search.limit, runs.length)) }, signal);
    runs = page.runs;
    next = page.next;
    draw();
    return active();
  }

  const follow = follower(refresh, {
    everyMs: REFRESH_MS, isActive: active, signal,
    onError: (error) => { shown = null; body.replaceChildren(problemBox(error, 'The runs could not be read again')); },
  });

  try {
    const page = await api.searchRuns(search, signal);
    runs = page.runs;
    next = page.next;
    draw();
  } catch (error) {
    if (signal.aborted) return;
    body.replaceChildren(problemBox(error, 'The runs could not be listed'));
    return;
  }
  follow();
}
