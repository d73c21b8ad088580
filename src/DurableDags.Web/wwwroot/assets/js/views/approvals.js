// The approvals of a run: each approval node's question, who may answer it, and Approve and Reject
// buttons while it waits; once answered, who decided, when and why. A decision is the node's
// event sent with { approved } (and a reason when rejected), as the API takes it.
import { announce, h } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { badge, isFinalRun } from '../states.js';
import { facts } from './facts.js';
import { confirmAction } from './confirmDialog.js';
import { act } from './problemView.js';

function approversText(approvers) {
  if (approvers === null || approvers === undefined) return 'anyone who may trigger runs';
  if (Array.isArray(approvers)) return approvers.length ? approvers.join(', ') : 'nobody';
  return typeof approvers === 'string' ? approvers : JSON.stringify(approvers);
}

/** "Approved by ana at 2026-11-22 10:15:03 CET", "Rejected by ana at …: reason". */
export function decisionText(decision) {
  const what = decision.approved ? 'Approved' : 'Rejected';
  return `${what} by ${decision.by} at ${dateTime(decision.at)}${decision.reason ? `: ${decision.reason}` : ''}`;
}

function decisionButtons(dagId, run, node, onChanged) {
  const { event } = node.wait;
  const approve = h('button', { type: 'button' }, 'Approve');
  const reject = h('button', { type: 'button', class: 'danger' }, 'Reject');
  const decide = async (approved) => {
    const sure = await confirmAction({
      title: approved ? `Approve ${node.nodeId}?` : `Reject ${node.nodeId}?`,
      message: `${approved ? 'Approves' : 'Rejects'} node ${node.nodeId} of run ${run.runId} (event '${event}')${node.wait.message ? `: “${node.wait.message}”` : ''}.`,
      confirmText: approved ? 'Approve' : 'Reject', danger: !approved,
      reason: approved ? null : { label: 'Reason', required: true },
    });
    if (!sure) return;
    const button = approved ? approve : reject;
    await act(button, approved ? 'Approving' : 'Rejecting', async () => {
      await api.sendEvent(dagId, run.runId, event, approved ? { approved: true } : { approved: false, reason: sure.reason });
      announce(approved ? `${node.nodeId} approved` : `${node.nodeId} rejected`);
      approve.disabled = true;
      reject.disabled = true;
      onChanged();
    });
  };
  approve.addEventListener('click', () => decide(true));
  reject.addEventListener('click', () => decide(false));
  return h('div', { class: 'action-row' }, approve, reject);
}

/** An approval that ended with no decision on record: an early event, a timeout, a cancel. */
function undecided(node) {
  if (node.state === 'succeeded') return 'Approved by an event sent before the node waited; the event log names who sent it.';
  if (node.state === 'waiting' || node.state === 'running') return null;
  return node.error ? `No decision: ${node.error}` : 'No decision was made.';
}

function approvalItem(dagId, run, node, onChanged) {
  const { wait } = node;
  const open = node.state === 'waiting' && !wait.decision && !node.mark && !isFinalRun(run.state);
  const outcome = wait.decision ? decisionText(wait.decision)
    : node.mark ? `Marked ${node.mark.state} by ${node.mark.by} at ${dateTime(node.mark.at)}${node.mark.reason ? `: ${node.mark.reason}` : ''}`
      : open ? null : undecided(node);
  return h('article', { class: 'approval', dataset: { node: node.nodeId }, 'aria-label': `Approval ${node.nodeId}` },
    h('header', { class: 'approval-head' }, h('h3', null, node.nodeId), badge(node.state)),
    wait.message ? h('p', { class: 'approval-message' }, wait.message) : null,
    facts([
      ['Approvers', approversText(wait.approvers)],
      ['Event', wait.event ?? '—'],
      ['Deadline', wait.deadline ? dateTime(wait.deadline) : 'none'],
    ], { row: true }),
    outcome ? h('p', { class: ['approval-decision', wait.decision && !wait.decision.approved && 'rejected'] }, outcome) : null,
    open ? decisionButtons(dagId, run, node, onChanged) : null);
}

/**
 * Renders the approval nodes of run (those with a wait) into container, which is hidden when
 * there are none. types maps node ids to their type. Redraws only when one of them changed, so
 * a dialog that is open survives the page's polls.
 */
export function approvalsView(container, dagId, { onChanged }) {
  let shown = null;
  return function update(run, types) {
    const nodes = run.nodes.filter((n) => n.wait && types.get(n.nodeId) === 'approval');
    const snapshot = JSON.stringify([run.state, nodes]);
    if (snapshot === shown) return;
    shown = snapshot;
    container.hidden = nodes.length === 0;
    container.replaceChildren(h('h2', { id: 'approvals-title' }, 'Approvals'),
      ...nodes.map((node) => approvalItem(dagId, run, node, onChanged)));
  };
}
