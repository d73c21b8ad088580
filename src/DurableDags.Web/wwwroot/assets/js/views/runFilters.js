// The filters of the runs list. Applying them changes the page's address (so the list is
// bookmarkable) instead of fetching in place; the page is drawn again from its query.
import { h } from '../dom.js';
import { label } from '../states.js';

const RUN_STATES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'];
const TRIGGERS = ['schedule', 'http', 'rerun', 'child', 'backfill'];
const TRIGGER_LABELS = { schedule: 'schedule', http: 'manual (http)', rerun: 'rerun', child: 'child run', backfill: 'backfill' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The query names the form keeps, in the order they appear in the address. */
const FILTER_NAMES = ['dag', 'state', 'trigger', 'q', 'logicalFrom', 'logicalTo', 'createdFrom', 'createdTo', 'limit'];

function field(id, text, control) {
  return h('div', { class: 'field' }, h('label', { for: id }, text), control);
}

function menu(id, name, current, anyText, values, labelOf = (v) => v) {
  const select = h('select', { id, name },
    h('option', { value: '' }, anyText),
    values.map((v) => h('option', { value: v }, labelOf(v))));
  if (current && !values.includes(current)) select.append(h('option', { value: current }, current));
  select.value = current ?? '';
  return select;
}

/** A date field; a full time in the address (from a link) is kept as it is, in a text field. */
function dateField(id, name, current) {
  const full = current && !DATE.test(current);
  return h('input', { id, name, type: full ? 'text' : 'date', value: current ?? '' });
}

/**
 * The form, filled from the page's query. onApply gets { name: value } of every field that is
 * set (the page size, set only through the address, is kept).
 */
export function runFilterForm(query, onApply) {
  const dag = menu('f-dag', 'dag', query.get('dag'), 'All DAGs', []);
  const element = h('form', { class: 'card filters', role: 'search', 'aria-label': 'Filter runs' },
    field('f-dag', 'DAG', dag),
    field('f-state', 'State', menu('f-state', 'state', query.get('state'), 'Any state', RUN_STATES, label)),
    field('f-trigger', 'Trigger', menu('f-trigger', 'trigger', query.get('trigger'), 'Any trigger', TRIGGERS, (t) => TRIGGER_LABELS[t])),
    field('f-q', 'Run id contains', h('input', { id: 'f-q', name: 'q', type: 'search', value: query.get('q') ?? '', spellcheck: 'false' })),
    h('fieldset', { class: 'range' }, h('legend', null, 'Logical date'),
      field('f-logical-from', 'From', dateField('f-logical-from', 'logicalFrom', query.get('logicalFrom'))),
      field('f-logical-to', 'To', dateField('f-logical-to', 'logicalTo', query.get('logicalTo')))),
    h('fieldset', { class: 'range' }, h('legend', null, 'Created'),
      field('f-created-from', 'From', dateField('f-created-from', 'createdFrom', query.get('createdFrom'))),
      field('f-created-to', 'To', dateField('f-created-to', 'createdTo', query.get('createdTo')))),
    h('div', { class: 'filter-actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Apply'),
      h('button', { type: 'reset' }, 'Clear')));

  function apply() {
    const data = new FormData(element);
    const filters = {};
    for (const name of FILTER_NAMES) {
      const value = name === 'limit' ? query.get('limit') : String(data.get(name) ?? '').trim();
      if (value) filters[name] = value;
    }
    onApply(filters);
  }

  element.addEventListener('submit', (event) => { event.preventDefault(); apply(); });
  // Clear empties every field and shows every run at once; a form reset alone would restore the
  // values the page was opened with.
  element.addEventListener('reset', (event) => {
    event.preventDefault();
    for (const control of element.querySelectorAll('input, select')) control.value = '';
    apply();
  });

  return {
    element,
    /** Fills the DAG menu once the DAGs are known, keeping the chosen one. */
    setDags(ids) {
      const chosen = dag.value;
      const all = [...new Set([...ids, ...(chosen ? [chosen] : [])])].sort();
      dag.replaceChildren(h('option', { value: '' }, 'All DAGs'), ...all.map((id) => h('option', { value: id }, id)));
      dag.value = chosen;
    },
  };
}
