// States of runs and nodes as the API names them, each with a label and an icon of its own shape,
// so that no view ever tells a state by colour alone.
import { h, s } from './dom.js';

const LABELS = {
  pending: 'pending', queued: 'queued', running: 'running', up_for_retry: 'up for retry',
  waiting: 'waiting', succeeded: 'succeeded', failed: 'failed', skipped: 'skipped',
  upstream_failed: 'upstream failed', cancelled: 'cancelled', cancelling: 'cancelling', none: 'no run',
};

const FINAL_RUN = new Set(['succeeded', 'failed', 'cancelled']);
const FINAL_NODE = new Set(['succeeded', 'failed', 'skipped', 'upstream_failed', 'cancelled']);

/** Every state the views know, for legends. */
export const NODE_STATES = ['pending', 'queued', 'running', 'up_for_retry', 'waiting', 'succeeded', 'failed',
  'skipped', 'upstream_failed', 'cancelled'];

/** A state the UI has no icon for (a newer server) is shown as text with the neutral icon. */
export function known(state) {
  return Object.hasOwn(LABELS, state) ? state : 'none';
}

export function label(state) {
  return LABELS[state] ?? String(state ?? 'unknown').replaceAll('_', ' ');
}

export const isFinalRun = (state) => FINAL_RUN.has(state);
export const isFinalNode = (state) => FINAL_NODE.has(state);

/** The icon alone, for use inside an element that carries the label. */
export function icon(state, extraClass) {
  return s('svg', { class: ['icon', extraClass], 'aria-hidden': 'true', focusable: 'false' },
    s('use', { href: `#i-${known(state)}` }));
}

/** The icon as an HTML string, for views built as strings. */
export function iconHtml(state) {
  return `<svg class="icon" aria-hidden="true" focusable="false"><use href="#i-${known(state)}"></use></svg>`;
}

/** A badge: coloured box, icon and the state's name in words. */
export function badge(state) {
  return h('span', { class: ['badge', `s-${known(state)}`], dataset: { state: state ?? 'none' } },
    icon(state), h('span', { class: 'badge-text' }, label(state)));
}

/** A compact mark (icon in a coloured square) whose name is in its accessible label and tooltip. */
export function mark(state, title, href) {
  const attrs = { class: ['mark', `s-${known(state)}`], title, 'aria-label': title, dataset: { state } };
  return href ? h('a', { ...attrs, href }, icon(state)) : h('span', { ...attrs, role: 'img' }, icon(state));
}

/** A legend of the given states. */
export function legend(states, extra = []) {
  return h('ul', { class: 'legend', 'aria-label': 'Legend' },
    states.map((state) => h('li', null, h('span', { class: ['mark', 'mark-small', `s-${known(state)}`] }, icon(state)), label(state))),
    extra);
}
