// The trigger form, generated from the DAG's typed params. A field left empty is not sent, so the
// server applies the default (which may be an expression only the server can evaluate). Errors of
// the 400 problem body appear next to the fields they name.
import { h } from '../dom.js';
import { api, ApiError } from '../api.js';
import { json } from '../format.js';

const TEXT_TYPES = new Set(['object', 'array']);

function defaultText(param) {
  if (param.default === undefined || param.default === null) return param.required === false ? 'null' : null;
  return typeof param.default === 'string' ? param.default : JSON.stringify(param.default);
}

function fieldFor(param, id) {
  const shown = defaultText(param);
  if (Array.isArray(param.enum) && param.enum.length) {
    return h('select', { id, name: param.name },
      h('option', { value: '' }, shown === null ? '(choose)' : `default: ${shown}`),
      param.enum.map((v, i) => h('option', { value: String(i) }, typeof v === 'string' ? v : JSON.stringify(v))));
  }
  if (param.type === 'boolean') {
    return h('select', { id, name: param.name },
      h('option', { value: '' }, shown === null ? '(choose)' : `default: ${shown}`),
      h('option', { value: 'true' }, 'true'), h('option', { value: 'false' }, 'false'));
  }
  if (TEXT_TYPES.has(param.type)) {
    const placeholder = param.default !== undefined && param.default !== null ? json(param.default) : param.type === 'array' ? '[ ]' : '{ }';
    return h('textarea', { id, name: param.name, rows: 3, spellcheck: 'false', placeholder, class: 'mono' });
  }
  const numeric = param.type === 'number' || param.type === 'integer';
  return h('input', { id, name: param.name, type: 'text', inputmode: numeric ? (param.type === 'integer' ? 'numeric' : 'decimal') : undefined,
    placeholder: shown ?? '', autocomplete: 'off', spellcheck: 'false' });
}

/** The value to send, undefined to leave the param out, or throws a message for a field. */
function valueOf(param, field) {
  const raw = field.value;
  if (raw === '') return undefined;
  if (Array.isArray(param.enum) && param.enum.length) return param.enum[Number(raw)];
  if (param.type === 'boolean') return raw === 'true';
  if (TEXT_TYPES.has(param.type)) {
    try { return JSON.parse(raw); } catch (e) { throw new Error(`not valid JSON: ${e.message}`); }
  }
  if (param.type === 'number' || param.type === 'integer') {
    const n = Number(raw.trim());
    // Not a number: send the text as typed, and let the server say what is wrong with it.
    return raw.trim() !== '' && Number.isFinite(n) ? n : raw;
  }
  return raw;
}

/** The field a problem error's path names: params.rows[2].id → params.rows; logicalDate, runId. */
function fieldKey(path) {
  const found = /^params\.([A-Za-z0-9_-]+)/.exec(path ?? '');
  return found ? `params.${found[1]}` : path;
}

/** Renders the form into container; onStarted({ runId, statusUrl }) after a 202 or 200. */
export function renderTriggerForm(container, dag, { onStarted }) {
  const params = dag.params ?? [];
  const errorSlots = new Map();
  const rows = params.map((param) => {
    const id = `param-${param.name}`;
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    errorSlots.set(`params.${param.name}`, error);
    const field = fieldFor(param, id);
    field.setAttribute('aria-describedby', `${id}-hint ${id}-error`);
    const shown = defaultText(param);
    const hint = [param.type, shown === null ? 'required' : `default: ${shown}`, param.description].filter(Boolean).join(' · ');
    return h('div', { class: 'field', dataset: { param: param.name } },
      h('label', { for: id }, param.name), field, h('p', { class: 'hint', id: `${id}-hint` }, hint), error);
  });
  const extra = ['logicalDate', 'runId'].map((name) => {
    const error = h('p', { class: 'field-error', id: `run-${name}-error`, hidden: true });
    errorSlots.set(name, error);
    return h('div', { class: 'field' }, h('label', { for: `run-${name}` }, name === 'logicalDate' ? 'Logical date' : 'Run id'),
      h('input', { id: `run-${name}`, type: 'text', autocomplete: 'off', 'aria-describedby': `run-${name}-error`,
        placeholder: name === 'logicalDate' ? 'now, e.g. 2026-11-22T00:00:00Z' : 'generated' }), error);
  });
  const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Trigger run');
  const form = h('form', { class: 'trigger-form', novalidate: true, 'aria-label': `Trigger a run of ${dag.id}` },
    params.length ? rows : h('p', { class: 'hint' }, 'This DAG takes no params.'),
    h('details', { class: 'more' }, h('summary', null, 'Logical date and run id'), extra),
    formError, submit);

  function showErrors(errors, title) {
    for (const slot of errorSlots.values()) { slot.hidden = true; slot.textContent = ''; }
    const loose = [];
    for (const error of errors) {
      const slot = errorSlots.get(fieldKey(error.path));
      if (slot) {
        slot.textContent = slot.textContent ? `${slot.textContent}; ${error.message}` : error.message;
        slot.hidden = false;
        slot.closest('.field')?.classList.add('invalid');
        if (error.path === 'logicalDate' || error.path === 'runId') form.querySelector('details.more').open = true;
      } else {
        loose.push(error.path ? `${error.path}: ${error.message}` : error.message);
      }
    }
    formError.replaceChildren(title ? h('strong', null, title) : '', loose.length ? h('ul', null, loose.map((m) => h('li', null, m))) : '');
    formError.hidden = !title && !loose.length;
    form.querySelector('.field-error:not([hidden])')?.closest('.field')?.querySelector('input, select, textarea')?.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    form.querySelectorAll('.field.invalid').forEach((f) => f.classList.remove('invalid'));
    const body = { params: {} };
    const local = [];
    for (const param of params) {
      try {
        const value = valueOf(param, form.querySelector(`#param-${CSS.escape(param.name)}`));
        if (value !== undefined) body.params[param.name] = value;
      } catch (e) { local.push({ path: `params.${param.name}`, message: e.message }); }
    }
    for (const name of ['logicalDate', 'runId']) {
      const value = form.querySelector(`#run-${name}`).value.trim();
      if (value) body[name] = value;
    }
    if (local.length) { showErrors(local, 'Fix the fields marked below'); return; }
    submit.disabled = true;
    try {
      const started = await api.trigger(dag.id, body);
      showErrors([], null);
      onStarted(started);
    } catch (error) {
      if (error instanceof ApiError) showErrors(error.errors, error.detail ? `${error.title}: ${error.detail}` : error.title);
      else showErrors([], `The run was not started: ${error.message}`);
    } finally {
      submit.disabled = false;
    }
  });
  container.replaceChildren(form);
}
