// One node of a run: its attempts (summed over a foreach node's instances), when a retry starts,
// its error, output, the log of any attempt (shown by the page's log view) and marking it by hand.
import { h } from '../dom.js';
import { api } from '../api.js';
import { clockZone, dateTime, duration, elapsed, json, relative } from '../format.js';
import { badge, isFinalRun } from '../states.js';
import { facts } from './facts.js';
import { decisionText } from './approvals.js';

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

/** "in 40 s" for a retry's start, kept current by updateCountdowns while the page polls. */
function countdown(iso) {
  return h('span', { class: 'countdown', dataset: { at: iso } }, relative(iso));
}

/** Rewrites every countdown under root to the current time. */
export function updateCountdowns(root, now = Date.now()) {
  for (const element of root.querySelectorAll('.countdown')) element.textContent = relative(element.dataset.at, now);
}

/** "retry 3 of 5 at 14:02:10 CET, in 40 s" for a node or instance that is up for retry. */
function retryLine(item) {
  if (item.state !== 'up_for_retry') return null;
  const of = item.maxAttempts ? ` of ${item.maxAttempts}` : '';
  if (!item.nextAttemptAt) return h('p', { class: 'retry-next' }, `retry ${item.attempts + 1}${of} soon`);
  return h('p', { class: 'retry-next' }, `retry ${item.attempts + 1}${of} at ${clockZone(Date.parse(item.nextAttemptAt))}, `, countdown(item.nextAttemptAt));
}

/** A foreach node's attempts are its instances': its own count says how often the list was read. */
function attemptCount(node, instances) {
  if (instances.length) return String(instances.reduce((sum, inst) => sum + (inst.attempts ?? 0), 0));
  return node.maxAttempts ? `${node.attempts ?? 0} of ${node.maxAttempts}` : String(node.attempts ?? 0);
}

/** The item an instance ran for, as short JSON text. */
function itemText(item) {
  if (item === undefined) return '';
  const text = typeof item === 'string' ? item : JSON.stringify(item);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The API marks a node of an ended run (into a new run), or of a running run while it waits. */
function markable(run, node, instances) {
  if (instances.length) return { ok: false, why: 'A foreach node cannot be marked: rerun from it instead' };
  if (isFinalRun(run.state)) return { ok: true, why: 'A new run with this node marked, and everything downstream of it run again' };
  if (node.state === 'waiting') return { ok: true, why: 'Ends the wait with this state; the run goes on' };
  return { ok: false, why: 'While the run goes on, only a waiting node can be marked' };
}

function markText(mark) {
  return `Marked ${mark.state} by ${mark.by} at ${dateTime(mark.at)}${mark.reason ? `: ${mark.reason}` : ''}`;
}

/**
 * Renders one node of run into container. onRerunFrom(nodeId) and onMark(nodeId, state) are
 * called by its buttons; logView (the page's) shows the log of an attempt.
 */
export function renderNodePanel(container, { dagId, run, node, nodeType, logView, onRerunFrom, onMark }) {
  const finished = isFinalRun(run.state);
  const error = errorText(node.error);
  const instances = Array.isArray(node.instances) ? node.instances : [];
  const mark = markable(run, node, instances);
  const markButton = (state, text) => h('button', { type: 'button', class: 'mark-button', disabled: !mark.ok, title: mark.why,
    onclick: () => onMark(node.nodeId, state) }, text);
  container.replaceChildren(h('article', { class: 'node-panel', 'aria-label': `Node ${node.nodeId}` },
    h('header', { class: 'node-panel-head' },
      h('h2', null, node.nodeId, nodeType ? h('span', { class: 'node-type' }, nodeType) : null), badge(node.state),
      h('button', { type: 'button', class: 'rerun-from', onclick: () => onRerunFrom(node.nodeId), disabled: !finished,
        title: finished ? 'A new run that clears this node and everything downstream of it' : 'A run can be rerun once it has ended' },
      'Rerun from this node'),
      markButton('succeeded', 'Mark success'), markButton('failed', 'Mark failed')),
    facts([
      ['Attempts', attemptCount(node, instances)],
      ['Started', dateTime(node.startedAt)],
      ['Ended', dateTime(node.endedAt)],
      ['Duration', duration(node.durationMs ?? elapsed(node.startedAt, node.endedAt))],
    ], { row: true }),
    retryLine(node),
    node.mark ? h('p', { class: 'node-mark' }, markText(node.mark)) : null,
    node.wait?.decision ? h('p', { class: 'approval-decision' }, decisionText(node.wait.decision)) : null,
    error ? h('section', null, h('h3', null, 'Error'), h('pre', { class: 'error-text' }, error)) : null,
    instances.length ? null : h('section', null, h('h3', null, 'Attempts'), attemptTable(dagId, run.runId, node.nodeId, node, undefined, logView)),
    instances.length ? h('section', null, h('h3', null, `Instances (${instances.length})`),
      instances.map((inst) => h('details', { class: 'instance', dataset: { index: inst.index }, open: inst.state === 'failed' || inst.state === 'up_for_retry' },
        h('summary', null, `[${inst.index}] `, inst.item !== undefined ? h('code', { class: 'instance-item' }, itemText(inst.item)) : null, ' ',
          badge(inst.state), ` ${inst.attempts ?? 0} attempt${inst.attempts === 1 ? '' : 's'}`, inst.error ? ` ${errorText(inst.error)}` : ''),
        retryLine(inst),
        attemptTable(dagId, run.runId, node.nodeId, inst, inst.index, logView)))) : null,
    outputSection(node),
    logView.section));
}
