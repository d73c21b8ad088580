// Starts the UI: the API key field, the router, and one page at a time. Leaving a page aborts its
// signal, which stops its polls and its pending requests.
import { h } from './dom.js';
import { getApiKey, setApiKey } from './api.js';
import { match, startRouter } from './router.js';
import { dagListPage } from './pages/dagListPage.js';
import { dagPage } from './pages/dagPage.js';
import { runPage } from './pages/runPage.js';
import { runsPage } from './pages/runsPage.js';
import { importErrorsPage } from './pages/importErrorsPage.js';
import { taskInstancesPage } from './pages/taskInstancesPage.js';
import { setCrumbs } from './views/chrome.js';
import { hideBanner, problemBox } from './views/problemView.js';
import { markNav, refreshImportErrorCount, watchImportErrors } from './views/siteNav.js';
import { setUpTheme } from './theme.js';

const PAGES = { dags: dagListPage, dag: dagPage, run: runPage, runs: runsPage, taskInstances: taskInstancesPage, importErrors: importErrorsPage };

function setUpApiKey() {
  const form = document.getElementById('api-key-form');
  const input = document.getElementById('api-key');
  const state = document.getElementById('api-key-state');
  input.value = getApiKey();
  state.textContent = input.value ? 'saved' : '';
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey(input.value.trim());
    state.textContent = input.value.trim() ? 'saved' : 'cleared';
    render();
    refreshImportErrorCount();
  });
}

let leaving = null;

async function render() {
  leaving?.abort();
  const controller = new AbortController();
  leaving = controller;
  hideBanner();
  const main = document.getElementById('main');
  const found = match(location);
  markNav(found?.page);
  if (!found) {
    setCrumbs([{ text: 'Not found' }]);
    main.replaceChildren(h('h1', null, 'There is no such page'), h('p', null, h('a', { href: '/' }, 'Go to the list of DAGs')));
    return;
  }
  try {
    await PAGES[found.page](main, { ...found, signal: controller.signal });
  } catch (error) {
    if (controller.signal.aborted || error?.name === 'AbortError') return;
    main.replaceChildren(problemBox(error, 'This page could not be loaded'));
  }
}

setUpTheme(document.getElementById('theme'));
setUpApiKey();
watchImportErrors();
startRouter(render);
