// The card of the run selected on a DAG page: its state, times and how its nodes stand.
import { h } from '../dom.js';
import { duration, elapsed } from '../format.js';
import { zonedDateTime } from '../zones.js';
import { badge, label } from '../states.js';
import { paths } from '../router.js';
import { facts } from './facts.js';

export function triggerText(trigger) {
  if (!trigger) return '—';
  if (trigger.kind === 'rerun' && trigger.rerunOf) return `rerun of ${trigger.rerunOf}`;
  if (trigger.kind === 'child' && trigger.parentRunId) return `child of ${trigger.parentRunId}`;
  return trigger.kind;
}

/** "3 succeeded · 1 failed", in the order states first appear among the nodes. */
export function stateCounts(nodes) {
  const counts = new Map();
  for (const node of nodes ?? []) counts.set(node.state, (counts.get(node.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${label(state)}`).join(' · ');
}

export function renderRunSummary(container, dagId, run) {
  if (!run) {
    container.replaceChildren(h('h2', null, 'Selected run'), h('p', { class: 'hint' }, 'No run yet.'));
    return;
  }
  container.replaceChildren(
    h('h2', null, 'Selected run'),
    h('p', { class: 'run-id' }, h('a', { href: paths.run(dagId, run.runId) }, run.runId)),
    h('div', { class: 'run-state' }, badge(run.state)),
    facts([
      ['Trigger', triggerText(run.trigger)],
      ['Logical date', zonedDateTime(run.logicalDate)],
      ['Started', zonedDateTime(run.startedAt ?? run.createdAt)],
      ['Duration', duration(elapsed(run.startedAt ?? run.createdAt, run.endedAt))],
      ['Nodes', stateCounts(run.nodes)],
    ]),
    h('p', null, h('a', { href: paths.run(dagId, run.runId), class: 'button-link' }, 'Open the run page')));
}
