// A list of facts (term and value), kept in pairs so that a row of them wraps between pairs only.
import { h } from '../dom.js';

/** pairs: [[term, value]]; a pair whose value is null or undefined is left out. */
export function facts(pairs, { row = false, className } = {}) {
  return h('dl', { class: ['facts', row && 'facts-row', className] },
    pairs.filter(([, value]) => value !== null && value !== undefined)
      .map(([term, value]) => h('div', { class: 'fact' }, h('dt', null, term), h('dd', null, value))));
}
