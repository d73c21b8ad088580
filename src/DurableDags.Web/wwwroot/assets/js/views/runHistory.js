// What happened to a run, for audit: the alerts sent for it (from the run's body) and its event
// log (GET …/events: started, node state changes, who cancelled, approved or reran it).
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { badge } from '../states.js';
import { problemBox } from './problemView.js';

const KIND_TEXT = {
  run_created: 'run created', run_started: 'run started', attempt_started: 'attempt started',
  attempt_ended: 'attempt ended', alert_sent: 'alert sent', alert_failed: 'alert failed', triggered: 'triggered',
  cancel_requested: 'cancel requested', event_sent: 'event sent', rerun_requested: 'rerun requested', run_ended: 'run ended',
};

const where = (nodeId, index) => (nodeId ? `${nodeId}${index === null || index === undefined ? '' : `[${index}]`}` : '');

function table(caption, columns, rows, className) {
  return h('table', { class: ['history', className] },
    h('caption', { class: 'sr-only' }, caption),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, rows));
}

function alertsTable(alerts) {
  if (!alerts.length) return h('p', { class: 'hint' }, 'No alert was sent for this run.');
  return table('Alerts sent for this run', ['Time', 'Kind', 'Node', 'Target', 'Result', 'Details'], alerts.map((a) => h('tr', { dataset: { state: a.state } },
    h('td', null, dateTime(a.at)), h('td', null, a.kind), h('td', null, where(a.nodeId, a.index) || '—'),
    h('td', null, a.target),
    h('td', null, h('span', { class: ['alert-state', a.state === 'failed' ? 'alert-failed' : 'alert-sent'] }, a.state)),
    h('td', { class: 'alert-error' }, [a.tries ? `${a.tries} tr${a.tries === 1 ? 'y' : 'ies'}` : null, a.status ? `HTTP ${a.status}` : null, a.error]
      .filter(Boolean).join(' · ')))), 'alerts-table');
}

function eventsTable(events) {
  if (!events.length) return h('p', { class: 'hint' }, 'No event yet.');
  return table('Events of this run', ['Time', 'Event', 'Node', 'State', 'By', 'Details'], events.map((e) => h('tr', { dataset: { kind: e.kind } },
    h('td', null, dateTime(e.at)), h('td', null, KIND_TEXT[e.kind] ?? e.kind),
    h('td', null, [where(e.nodeId, e.index), e.attempt ? ` attempt ${e.attempt}` : ''].join('') || '—'),
    h('td', null, e.state ? badge(e.state) : ''), h('td', null, e.actor ?? ''), h('td', { class: 'event-detail' }, e.detail ?? ''))), 'events-table');
}

/**
 * The two sections under container. update(run) redraws the alerts and, when the run changed,
 * reads its event log again; the event log is read once more after the run has ended.
 */
export function runHistory(container, dagId, runId, { signal }) {
  const alertsBox = h('div', { id: 'run-alerts' });
  const eventsBox = h('div', { id: 'run-events' }, h('p', { class: 'hint' }, 'Loading…'));
  container.replaceChildren(
    h('section', { class: 'card', 'aria-labelledby': 'alerts-title' }, h('h2', { id: 'alerts-title' }, 'Alerts'), alertsBox),
    h('section', { class: 'card', 'aria-labelledby': 'events-title' },
      h('details', { class: 'run-events', open: true }, h('summary', null, h('h2', { id: 'events-title' }, 'Event log')), eventsBox)));
  let alertsShown = null;
  let wanted = null;
  let readFor = null;
  let reading = false;

  // One read at a time; a change that came during a read gets a read of its own after it.
  async function pump() {
    if (reading) return;
    reading = true;
    try {
      while (wanted !== readFor && !signal?.aborted) {
        const key = wanted;
        try {
          const { events } = await api.listRunEvents(dagId, runId, signal);
          eventsBox.replaceChildren(eventsTable(events ?? []));
        } catch (error) {
          if (error?.name === 'AbortError') return;
          eventsBox.replaceChildren(problemBox(error, 'The event log could not be read'));
        }
        readFor = key;
      }
    } finally {
      reading = false;
    }
  }

  return function update(run) {
    const alerts = Array.isArray(run.alerts) ? run.alerts : [];
    const snapshot = JSON.stringify(alerts);
    if (snapshot !== alertsShown) {
      alertsShown = snapshot;
      alertsBox.replaceChildren(alertsTable(alerts));
    }
    // Events follow the run's changes: its state and its nodes' states and attempts.
    const key = JSON.stringify([run.state, run.nodes.map((n) => [n.state, n.attempts, n.wait?.decision?.at, n.mark?.at,
      (n.instances ?? []).map((i) => [i.state, i.attempts])])]);
    wanted = key;
    pump();
  };
}
