// What a user can do to a run: cancel it, rerun its failed nodes, rerun from a node, and send an
// event (an approval) to the nodes waiting for it.
import { announce, h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { isFinalRun } from '../states.js';
import { act, problemBox } from './problemView.js';
import { confirmAction } from './confirmDialog.js';

/** Asks first, then starts a rerun and hands the new run's id to onRerun. */
export async function rerun(button, dagId, runId, options, onRerun) {
  const doing = options.from ? `Rerunning from ${options.from}` : 'Rerunning the failed nodes';
  const sure = await confirmAction({
    title: options.from ? `Rerun from ${options.from}?` : 'Rerun the failed nodes?',
    message: options.from
      ? `A new run of ${dagId} starts from run ${runId}: node ${options.from} and everything downstream of it run again; the other nodes keep their results.`
      : `A new run of ${dagId} starts from run ${runId}: its failed, upstream failed and cancelled nodes and their downstream run again.`,
    confirmText: 'Rerun',
  });
  if (!sure) return undefined;
  return act(button, doing, async () => {
    const started = await api.rerun(dagId, runId, options);
    announce(`Run ${started.runId} started`);
    onRerun(started.runId);
  });
}

/** canSend() says whether the run still takes events. */
function eventForm(dagId, runId, canSend) {
  const result = h('div', { class: 'event-result', 'aria-live': 'polite' });
  const name = h('input', { id: 'event-name', name: 'event', type: 'text', value: 'approve', autocomplete: 'off', required: true });
  const payload = h('textarea', { id: 'event-payload', name: 'payload', rows: 3, class: 'mono', spellcheck: 'false' });
  payload.value = '{ "approved": true }';
  const send = h('button', { type: 'submit' }, 'Send event');
  const form = h('form', { class: 'event-form' },
    h('div', { class: 'field' }, h('label', { for: 'event-name' }, 'Event name'), name),
    h('div', { class: 'field' }, h('label', { for: 'event-payload' }, 'Payload (JSON)'), payload), send, result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    let body;
    try { body = payload.value.trim() ? JSON.parse(payload.value) : null; } catch (e) {
      result.replaceChildren(h('p', { class: 'field-error' }, `The payload is not valid JSON: ${e.message}`));
      return;
    }
    send.disabled = true;
    try {
      const answer = await api.sendEvent(dagId, runId, name.value.trim(), body);
      result.replaceChildren(h('p', { class: 'ok' }, answer?.delivered === false
        ? `Event '${name.value.trim()}' sent; no node was waiting for it.`
        : `Event '${name.value.trim()}' delivered.`));
    } catch (error) {
      result.replaceChildren(error instanceof ApiError ? problemBox(error, 'The event was not sent') : h('p', null, String(error)));
    } finally {
      send.disabled = !canSend();
    }
  });
  return { event: h('details', { class: 'event' }, h('summary', null, 'Send an event'), form), send };
}

/**
 * The action bar of a run page, built once so that what a user types survives the page's polls;
 * update(run, waitingForEvent) sets which buttons apply; waitingForEvent: a node other than an
 * approval waits for an event. onRerun(runId) follows a rerun to its
 * page; onChanged() reloads this run after a cancel.
 */
export function runActions(dagId, runId, { nodeIds, onRerun, onChanged }) {
  const cancel = h('button', { type: 'button', class: 'danger' }, 'Cancel run');
  cancel.addEventListener('click', async () => {
    const sure = await confirmAction({
      title: 'Cancel this run?',
      message: `Run ${runId} of ${dagId} stops: running nodes are cancelled and nothing downstream starts.`,
      confirmText: 'Cancel run', danger: true,
    });
    if (!sure) return;
    await act(cancel, 'Cancelling the run', async () => {
      await api.cancel(dagId, runId);
      announce('Cancelling');
      onChanged();
    });
  });
  const rerunFailed = h('button', { type: 'button',
    title: 'A new run that clears the failed, upstream failed and cancelled nodes and their downstream' }, 'Rerun failed');
  rerunFailed.addEventListener('click', () => rerun(rerunFailed, dagId, runId, { failedOnly: true }, onRerun));
  const from = h('select', { id: 'rerun-from' }, nodeIds.map((id) => h('option', { value: id }, id)));
  const rerunFrom = h('button', { type: 'button' }, 'Rerun from node');
  rerunFrom.addEventListener('click', () => rerun(rerunFrom, dagId, runId, { from: from.value }, onRerun));
  let final = false;
  const { event, send } = eventForm(dagId, runId, () => !final);
  let opened = false;
  const element = h('div', { class: 'actions' },
    h('div', { class: 'action-row' }, cancel, rerunFailed,
      h('span', { class: 'action-group' }, h('label', { for: 'rerun-from' }, 'From '), from, rerunFrom)),
    event);

  // The server reruns finished runs only, and delivers events to unfinished ones only (409 else).
  function update(run, waitingForEvent) {
    final = isFinalRun(run.state);
    cancel.disabled = final || run.state === 'cancelling';
    rerunFailed.disabled = !final || !run.nodes.some((n) => ['failed', 'upstream_failed', 'cancelled'].includes(n.state));
    rerunFrom.disabled = !final;
    send.disabled = final;
    // An ended run takes no event; approvals have their own buttons, so the form opens by itself
    // only for another node that waits for an event.
    event.hidden = final;
    if (waitingForEvent && !opened) { event.open = true; opened = true; }
  }
  return { element, update };
}
