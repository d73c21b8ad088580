// The list of DAGs: schedule, paused, next run and the last runs as marks; refreshed every few
// seconds, redrawn only when something changed.
import { h } from '../dom.js';
import { api } from '../api.js';
import { relative } from '../format.js';
import { browserZoneLabel, zonedDateTime } from '../zones.js';
import { badge, label, legend, mark } from '../states.js';
import { paths } from '../router.js';
import { pollWhile } from '../poller.js';
import { setCrumbs } from '../views/chrome.js';
import { act, problemBox } from '../views/problemView.js';

const REFRESH_MS = 5000;

function pauseButton(dag, refresh) {
  const button = h('button', { type: 'button', class: 'small', 'aria-label': `${dag.paused ? 'Unpause' : 'Pause'} ${dag.id}` },
    dag.paused ? 'Unpause' : 'Pause');
  button.addEventListener('click', () => act(button, `${dag.paused ? 'Unpausing' : 'Pausing'} ${dag.id}`, async () => {
    await (dag.paused ? api.unpause(dag.id) : api.pause(dag.id));
    await refresh();
  }));
  return button;
}

function row(dag, refresh) {
  const recent = [...(dag.recentRuns ?? [])].reverse();
  return h('tr', { dataset: { dag: dag.id } },
    h('th', { scope: 'row' }, h('a', { href: paths.dag(dag.id), class: 'dag-link' }, dag.id),
      dag.description ? h('p', { class: 'hint' }, dag.description) : null),
    h('td', null, dag.schedule ? h('code', null, dag.schedule) : h('span', { class: 'hint' }, 'manual only'),
      dag.schedule ? h('p', { class: 'hint schedule-zone' }, dag.timezone ?? 'UTC') : null),
    h('td', null, dag.nextRunAt ? [h('span', { class: 'next-run' }, zonedDateTime(dag.nextRunAt)), h('p', { class: 'hint' }, relative(dag.nextRunAt))] : '—'),
    h('td', null, recent.length ? h('span', { class: 'marks', role: 'list', 'aria-label': `Last ${recent.length} runs, oldest first` },
      recent.map((run) => h('span', { role: 'listitem' },
        mark(run.state, `Run ${run.runId}: ${label(run.state)}`, paths.run(dag.id, run.runId))))) : h('span', { class: 'hint' }, 'no runs')),
    h('td', null, dag.lastRun ? [badge(dag.lastRun.state), h('p', { class: 'hint' }, zonedDateTime(dag.lastRun.endedAt ?? dag.lastRun.logicalDate))] : '—'),
    h('td', null, h('span', { class: ['pill', dag.paused ? 'pill-paused' : 'pill-active'] }, dag.paused ? 'paused' : 'active'), ' ',
      pauseButton(dag, refresh)));
}

export async function dagListPage(main, { signal }) {
  setCrumbs([]);
  const body = h('div', { class: 'dag-list' }, h('p', { class: 'hint' }, 'Loading…'));
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', null, 'DAGs')), body,
    legend(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
    h('p', { class: 'hint', id: 'zone-note' }, `Schedules run in their own zone; times are shown in ${browserZoneLabel()}.`));
  let shown = null;

  async function refresh() {
    const { dags } = await api.listDags(signal);
    const snapshot = JSON.stringify(dags);
    if (snapshot === shown) return;
    shown = snapshot;
    if (!dags.length) {
      body.replaceChildren(h('p', { class: 'empty' }, 'No DAGs yet. Upload one with PUT /api/dags/{id}, or start the server with dags serve --dags DIR.'));
      return;
    }
    body.replaceChildren(h('table', { class: 'dags' },
      h('thead', null, h('tr', null, ['DAG', 'Schedule', 'Next run', 'Recent runs', 'Last run', 'Scheduling']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', null, [...dags].sort((a, b) => a.id.localeCompare(b.id)).map((dag) => row(dag, refresh)))));
  }

  await pollWhile(async () => { await refresh(); return true; }, {
    intervalMs: REFRESH_MS, signal,
    onError: (error) => { shown = null; body.replaceChildren(problemBox(error, 'The DAGs could not be listed')); },
  });
}
