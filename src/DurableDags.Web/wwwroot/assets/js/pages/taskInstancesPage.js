// Node instances across runs (GET /api/nodes), such as every failed task of the last runs. The API
// looks at a bounded number of the newest runs per page; "Look at older runs" goes on from there.
// Filters live in the query; the rows are read again while a listed node has not ended.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime, duration } from '../format.js';
import { NODE_STATES, badge, isFinalNode, label } from '../states.js';
import { navigate, paths } from '../router.js';
import { follower } from '../poller.js';
import { setCrumbs } from '../views/chrome.js';
import { act, problemBox } from '../views/problemView.js';

const REFRESH_MS = 3000;
const FILTERS = ['dag', 'state', 'node'];

function filterForm(query) {
  const dag = h('select', { id: 't-dag', name: 'dag' }, h('option', { value: '' }, 'All DAGs'));
  const chosenDag = query.get('dag') ?? '';
  if (chosenDag) dag.append(h('option', { value: chosenDag }, chosenDag));
  dag.value = chosenDag;
  const state = h('select', { id: 't-state', name: 'state' }, h('option', { value: '' }, 'Any state'),
    ...NODE_STATES.map((s) => h('option', { value: s }, label(s))));
  state.value = query.get('state') ?? '';
  const form = h('form', { class: 'card filters', role: 'search', 'aria-label': 'Filter task instances' },
    h('div', { class: 'field' }, h('label', { for: 't-dag' }, 'DAG'), dag),
    h('div', { class: 'field' }, h('label', { for: 't-state' }, 'State'), state),
    h('div', { class: 'field' }, h('label', { for: 't-node' }, 'Node id'),
      h('input', { id: 't-node', name: 'node', value: query.get('node') ?? '', spellcheck: 'false' })),
    h('div', { class: 'filter-actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('button', { type: 'reset' }, 'Clear')));
  const apply = () => {
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const name of FILTERS) { const v = String(data.get(name) ?? '').trim(); if (v) params.set(name, v); }
    navigate(`/task-instances${params.size ? `?${params}` : ''}`);
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    for (const control of form.querySelectorAll('input, select')) control.value = '';
    apply();
  });
  const setDags = (ids) => {
    const all = [...new Set([...ids, ...(chosenDag ? [chosenDag] : [])])].sort();
    dag.replaceChildren(h('option', { value: '' }, 'All DAGs'), ...all.map((id) => h('option', { value: id }, id)));
    dag.value = chosenDag;
  };
  return { form, setDags };
}

function row(node) {
  const name = node.index === null || node.index === undefined ? node.nodeId : `${node.nodeId}[${node.index}]`;
  return h('tr', { dataset: { dag: node.dagId, run: node.runId, node: node.nodeId, state: node.state } },
    h('td', null, h('a', { href: paths.dag(node.dagId) }, node.dagId)),
    h('td', null, h('a', { href: paths.run(node.dagId, node.runId), class: 'run-id' }, node.runId)),
    h('th', { scope: 'row' }, h('a', { href: paths.run(node.dagId, node.runId, node.nodeId), class: 'node-link' }, name)),
    h('td', null, badge(node.state)),
    h('td', { class: 'num' }, String(node.attempts)),
    h('td', null, dateTime(node.startedAt)),
    h('td', { class: 'num' }, duration(node.durationMs)),
    h('td', { class: 'error-cell' }, node.error ? h('span', { title: node.error }, node.error.length > 120 ? `${node.error.slice(0, 120)}…` : node.error) : ''));
}

export async function taskInstancesPage(main, { query, signal }) {
  setCrumbs([{ text: 'Task instances' }]);
  const search = { dagId: query.get('dag') || undefined, state: query.get('state') || undefined, nodeId: query.get('node') || undefined };
  const { form, setDags } = filterForm(query);
  const body = h('div', null, h('p', { class: 'hint' }, 'Loading…'));
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', null, 'Task instances'),
    h('p', { class: 'lead' }, 'The nodes of the newest runs of every DAG, newest run first. Each page looks at up to 25 runs.')), form, body);
  api.listDags(signal).then(({ dags }) => setDags(dags.map((d) => d.id)), () => { /* the menu keeps the chosen DAG */ });

  let nodes = [];
  let runsRead = 0;
  let next = null;
  let shown = null;

  function draw() {
    const snapshot = JSON.stringify([nodes, runsRead, next]);
    if (snapshot === shown) return;
    shown = snapshot;
    const older = next ? h('button', { type: 'button', class: 'load-more' }, 'Look at older runs') : null;
    older?.addEventListener('click', () => act(older, 'Looking at older runs', async () => {
      const page = await api.searchNodes({ ...search, cursor: next }, signal);
      nodes = [...nodes, ...page.nodes];
      runsRead += page.runsRead;
      next = page.next;
      draw();
      body.querySelector('.load-more')?.focus();
      follow();
    }));
    const status = h('p', { class: 'hint', role: 'status' },
      `${nodes.length} node${nodes.length === 1 ? '' : 's'} in the ${runsRead} newest run${runsRead === 1 ? '' : 's'}${next ? '; there are older runs' : ''}.`);
    body.replaceChildren(...(nodes.length
      ? [h('table', { class: 'dags task-instances' },
        h('thead', null, h('tr', null, ['DAG', 'Run', 'Node', 'State', 'Attempts', 'Started', 'Duration', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, nodes.map(row)))]
      : [h('p', { class: 'empty' }, 'No node matches in these runs.')]), status, ...(older ? [older] : []));
  }

  const active = () => nodes.some((n) => !isFinalNode(n.state));

  async function refresh() {
    // As many runs as were looked at, so rows already shown stay (up to the API's 100).
    const page = await api.searchNodes({ ...search, runs: Math.min(100, Math.max(25, runsRead)) }, signal);
    nodes = page.nodes;
    runsRead = page.runsRead;
    next = page.next;
    draw();
    return active();
  }

  const follow = follower(refresh, {
    everyMs: REFRESH_MS, isActive: active, signal,
    onError: (error) => { shown = null; body.replaceChildren(problemBox(error, 'The task instances could not be read again')); },
  });

  try {
    const page = await api.searchNodes(search, signal);
    nodes = page.nodes;
    runsRead = page.runsRead;
    next = page.next;
    draw();
  } catch (error) {
    if (signal.aborted) return;
    body.replaceChildren(problemBox(error, 'The task instances could not be listed'));
    return;
  }
  follow();
}
