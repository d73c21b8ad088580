// How failures read on the page: the problem's title, its detail and every error it lists.
import { h } from '../dom.js';
import { ApiError } from '../api.js';

function needsKey(error) {
  return error instanceof ApiError && (error.status === 401 || error.status === 403);
}

/** A box that says what went wrong; for 401 and 403 it also says where the key goes. */
export function problemBox(error, doing) {
  const title = error instanceof ApiError ? error.title : (error?.message ?? String(error));
  const lines = error instanceof ApiError ? error.errors.map((e) => {
    const where = e.path ?? (e.line ? `line ${e.line}${e.column ? `, column ${e.column}` : ''}` : null);
    return h('li', null, where ? `${where}: ${e.message}` : e.message);
  }) : [];
  return h('div', { class: 'problem', role: 'alert' },
    h('p', { class: 'problem-title' }, doing ? `${doing}: ${title}` : title),
    error?.detail ? h('p', null, error.detail) : null,
    lines.length ? h('ul', null, lines) : null,
    needsKey(error) ? h('p', null, 'This server needs an API key with the right role: enter it in the API key field at the top.') : null);
}

export function showBanner(error, doing) {
  const banner = document.getElementById('banner');
  banner.replaceChildren(problemBox(error, doing),
    h('button', { type: 'button', class: 'small', onclick: hideBanner }, 'Dismiss'));
  banner.hidden = false;
  if (needsKey(error)) document.getElementById('api-key')?.focus();
}

export function hideBanner() {
  const banner = document.getElementById('banner');
  banner.hidden = true;
  banner.replaceChildren();
}

/** Runs an action from a button: disables it meanwhile and puts a failure in the banner. */
export async function act(button, doing, action) {
  button.disabled = true;
  try {
    return await action();
  } catch (error) {
    showBanner(error, doing);
    return undefined;
  } finally {
    button.disabled = false;
  }
}
