// A modal question before an action that cannot be taken back (cancel, rerun, mark, reject): it
// names the run and node, so a click on the wrong page or row is caught before anything is sent.
import { h } from '../dom.js';

/**
 * Shows a modal dialog and resolves to { reason } when the user confirms, or null when they back
 * out (the Back button, Escape). reason: { label, required } adds a text field whose value is
 * handed back; a required one must not be blank.
 */
export function confirmAction({ title, message, confirmText, danger = false, reason = null }) {
  return new Promise((resolve) => {
    const field = reason ? h('textarea', { id: 'confirm-reason', name: 'reason', rows: 3, 'aria-required': reason.required ? 'true' : null }) : null;
    const error = h('p', { class: 'field-error', hidden: true, 'aria-live': 'polite' });
    const ok = h('button', { type: 'submit', class: danger ? 'danger' : null }, confirmText);
    const back = h('button', { type: 'button', class: 'secondary' }, 'Back');
    const form = h('form', { method: 'dialog', class: 'confirm-form' },
      h('h2', { id: 'confirm-title' }, title),
      h('p', { class: 'confirm-message' }, message),
      field ? h('div', { class: 'field' }, h('label', { for: 'confirm-reason' }, reason.label), field, error) : null,
      h('div', { class: 'confirm-buttons' }, back, ok));
    const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'confirm-title' }, form);
    let answer = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = field ? field.value.trim() : '';
      if (reason?.required && !text) {
        error.textContent = `${reason.label} is required.`;
        error.hidden = false;
        field.focus();
        return;
      }
      answer = { reason: text || null };
      dialog.close();
    });
    back.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    (field ?? ok).focus();
  });
}
