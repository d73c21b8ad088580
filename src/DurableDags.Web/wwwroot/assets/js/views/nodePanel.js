// One node of a run: its attempts, error, output and the log of any attempt, fetched on demand.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime, duration, elapsed, json } from '../format.js';
import { badge, isFinalRun } from '../states.js';
import { facts } from './facts.js';

function errorText(error) {
  if (error === null || error === undefined) return null;
  if (typeof error === 'string') return error;
  return error.message && Object.keys(error).length === 1 ? error.message : json(error);
}

function attemptsOf(item) {
  if (Array.isArray(item.attemptList) && item.attemptList.length) return item.attemptList;
  return item.attempts ? [{ attempt: item.attempts, state: item.state, startedAt: item.startedAt, endedAt: item.endedAt, error: item.error }] : [];
}

/** A table of attempts with a button per row that shows that attempt's log in logView. */
function attemptTable(dagId, runId, nodeId, item, index, logView) {
  const attempts = attemptsOf(item);
  if (!attempts.length) return h('p', { class: 'hint' }, 'No attempt has started.');
  const suffix = index === undefined ? '' : ` of instance ${index}`;
  return h('table', { class: 'attempts' },
    h('thead', null, h('tr', null, ['Attempt', 'State', 'Started', 'Ended', 'Duration', 'Error', 'Log'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, attempts.map((a) => h('tr', { dataset: { attempt: a.attempt } },
      h('td', null, String(a.attempt)), h('td', null, badge(a.state)),
      h('td', null, dateTime(a.startedAt)), h('td', null, dateTime(a.endedAt)),
      h('td', null, duration(elapsed(a.startedAt, a.endedAt))),
      h('td', { class: 'attempt-error' }, errorText(a.error) ?? ''),
      h('td', null, h('button', { type: 'button', class: 'small', onclick: () => logView.show(nodeId, a.attempt, index) },
        `Log of attempt ${a.attempt}${suffix}`))))));
}

function makeLogView(dagId, runId) {
  const title = h('h3', null, 'Log');
  const text = h('pre', { class: 'log', tabindex: 0 });
  let shown = null;
  const load = async () => {
    const { nodeId, attempt, index } = shown;
    text.textContent = 'Loading…';
    try {
      const log = await api.getLog(dagId, runId, nodeId, attempt, index);
      text.textContent = log === '' ? '(the log is empty)' : log;
    } catch (error) {
      text.textContent = `The log could not be read: ${error.title ?? error.message}${error.detail ? ` (${error.detail})` : ''}`;
    }
  };
  const section = h('section', { class: 'log-view', hidden: true, 'aria-live': 'polite' },
    h('div', { class: 'log-head' }, title, h('button', { type: 'button', class: 'small', onclick: () => load() }, 'Reload log')), text);
  return {
    section,
    show(nodeId, attempt, index) {
      shown = { nodeId, attempt, index };
      title.textContent = `Log of ${nodeId}${index === undefined ? '' : `[${index}]`}, attempt ${attempt}`;
      section.hidden = false;
      return load();
    },
  };
}

function outputSection(node) {
  if (node.output !== undefined && node.output !== null) {
    return h('section', null, h('h3', null, 'Output'), h('pre', { class: 'json' }, json(node.output)));
  }
  if (node.outputUrl) {
    const target = h('pre', { class: 'json', hidden: true });
    const button = h('button', { type: 'button', class: 'small' }, 'Load the output');
    button.addEventListener('click', async () => {
      target.hidden = false;
      target.textContent = 'Loading…';
      try { target.textContent = json(await api.getUrl(node.outputUrl)); } catch (e) { target.textContent = `The output could not be read: ${e.title ?? e.message}`; }
    });
    return h('section', null, h('h3', null, 'Output'), h('p', { class: 'hint' }, 'The output is large and stored apart. '), button, target);
  }
  return null;
}

/** Renders one node of run into container; onRerunFrom(nodeId) is called by its rerun button. */
export function renderNodePanel(container, { dagId, run, node, nodeType, onRerunFrom }) {
  const finished = isFinalRun(run.state);
  const logView = makeLogView(dagId, run.runId);
  const error = errorText(node.error);
  const instances = Array.isArray(node.instances) ? node.instances : [];
  container.replaceChildren(h('article', { class: 'node-panel', 'aria-label': `Node ${node.nodeId}` },
    h('header', { class: 'node-panel-head' },
      h('h2', null, node.nodeId, nodeType ? h('span', { class: 'node-type' }, nodeType) : null), badge(node.state),
      h('button', { type: 'button', onclick: () => onRerunFrom(node.nodeId), disabled: !finished,
        title: finished ? 'A new run that clears this node and everything downstream of it' : 'A run can be rerun once it has ended' },
      'Rerun from this node')),
    facts([
      ['Attempts', String(node.attempts ?? 0)],
      ['Started', dateTime(node.startedAt)],
      ['Ended', dateTime(node.endedAt)],
      ['Duration', duration(node.durationMs ?? elapsed(node.startedAt, node.endedAt))],
    ], { row: true }),
    error ? h('section', null, h('h3', null, 'Error'), h('pre', { class: 'error-text' }, error)) : null,
    h('section', null, h('h3', null, 'Attempts'), attemptTable(dagId, run.runId, node.nodeId, node, undefined, logView)),
    instances.length ? h('section', null, h('h3', null, `Instances (${instances.length})`),
      instances.map((inst) => h('details', { class: 'instance', open: inst.state === 'failed' },
        h('summary', null, `[${inst.index}] `, badge(inst.state), inst.error ? ` ${errorText(inst.error)}` : ''),
        attemptTable(dagId, run.runId, node.nodeId, inst, inst.index, logView)))) : null,
    outputSection(node),
    logView.section));
}
