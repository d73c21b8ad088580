// The DAG files of the server's folder that failed to load at its last import
// (GET /api/import-errors): where each error is and what it says. Read again every few seconds,
// since the server imports the folder again whenever a file in it is saved.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { pollWhile } from '../poller.js';
import { setCrumbs } from '../views/chrome.js';
import { problemBox } from '../views/problemView.js';
import { showImportErrorCount } from '../views/siteNav.js';

const REFRESH_MS = 5000;

function where(error) {
  if (error.line === null || error.line === undefined) return 'the whole file';
  return error.column ? `line ${error.line}, column ${error.column}` : `line ${error.line}`;
}

function row(error) {
  return h('tr', { dataset: { file: error.file } },
    h('th', { scope: 'row' }, h('code', null, error.file)),
    h('td', { class: 'where' }, where(error)),
    h('td', null, h('pre', { class: 'error-text' }, error.message)),
    h('td', null, dateTime(error.at)));
}

export async function importErrorsPage(main, { signal }) {
  setCrumbs([{ text: 'Import errors' }]);
  const body = h('div', null, h('p', { class: 'hint' }, 'Loading…'));
  main.replaceChildren(h('div', { class: 'page-head' }, h('h1', null, 'Import errors'),
    h('p', { class: 'lead' }, 'The DAG files of the server\'s folder (dags serve --dags DIR) that failed to load at its last import. Save a mended file and it loads within seconds.')),
  body);
  let shown = null;

  async function refresh() {
    const { errors } = await api.listImportErrors(signal);
    showImportErrorCount(errors.length);
    const snapshot = JSON.stringify(errors);
    if (snapshot === shown) return;
    shown = snapshot;
    if (!errors.length) {
      body.replaceChildren(h('p', { class: 'empty' }, 'No import errors: every DAG file of the folder loaded (a server without a folder has none).'));
      return;
    }
    const files = new Set(errors.map((e) => e.file)).size;
    body.replaceChildren(
      h('p', { role: 'status' }, `${errors.length} error${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}.`),
      h('table', { class: 'dags import-errors' },
        h('thead', null, h('tr', null, ['File', 'Where', 'Error', 'Imported at'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, errors.map(row))));
  }

  await pollWhile(async () => { await refresh(); return true; }, {
    intervalMs: REFRESH_MS, signal,
    onError: (error) => { shown = null; body.replaceChildren(problemBox(error, 'The import errors could not be read')); },
  });
}
