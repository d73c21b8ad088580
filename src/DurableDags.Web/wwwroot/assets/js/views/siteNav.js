// The top navigation: which section the page belongs to, and the count of import errors next to
// its link, so a broken DAG file is seen from any page.
import { api } from '../api.js';
import { pollWhile } from '../poller.js';

const SECTIONS = { dags: 'dags', dag: 'dags', run: 'runs', runs: 'runs', taskInstances: 'task-instances', importErrors: 'import-errors' };
const COUNT_EVERY_MS = 15000;

/** Marks the link of the page's section as the current one. */
export function markNav(page) {
  const section = SECTIONS[page] ?? null;
  for (const link of document.querySelectorAll('#site-nav a[data-nav]')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/** Shows n next to the Import errors link; nothing when there are none (or null: not known). */
export function showImportErrorCount(n) {
  const count = document.getElementById('import-error-count');
  const link = count?.closest('a');
  if (!count || !link) return;
  count.hidden = !n;
  count.textContent = n ? String(n) : '';
  link.setAttribute('aria-label', n ? `Import errors: ${n}` : 'Import errors');
}

// Reads overlap (the periodic one, the one after a key is saved): only the latest one started
// may show its answer, or a slow read made without the key would hide the count read with it.
let latestRead = 0;

/**
 * Reads the count now. A failure (no key yet, the server unreachable) hides the count: the page
 * itself says what went wrong.
 */
export async function refreshImportErrorCount() {
  const read = ++latestRead;
  let count = null;
  try {
    count = (await api.listImportErrors()).errors.length;
  } catch {
    // Shown as unknown: hidden.
  }
  if (read === latestRead) showImportErrorCount(count);
}

/** Keeps the count current for as long as the UI is open. */
export function watchImportErrors() {
  pollWhile(async () => { await refreshImportErrorCount(); return true; }, { intervalMs: COUNT_EVERY_MS });
}
