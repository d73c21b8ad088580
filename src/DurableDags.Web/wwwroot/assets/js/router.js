// History routing: the UI's pages have real paths, and the hosts answer any path outside /api and
// /assets with index.html, so every page can be bookmarked and reloaded.

const seg = encodeURIComponent;

export const paths = {
  dags: () => '/',
  dag: (dagId, runId) => `/dags/${seg(dagId)}${runId ? `?run=${seg(runId)}` : ''}`,
  run: (dagId, runId, nodeId) => `/dags/${seg(dagId)}/runs/${seg(runId)}${nodeId ? `?node=${seg(nodeId)}` : ''}`,
  /** The runs of every DAG; filters such as { dag, state } go in the query, so the list is bookmarkable. */
  runs: (filters = {}) => {
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v)).toString();
    return `/runs${query ? `?${query}` : ''}`;
  },
  taskInstances: () => '/task-instances',
  importErrors: () => '/import-errors',
};

const ROUTES = [
  { page: 'dags', pattern: /^\/$/ },
  { page: 'dag', pattern: /^\/dags\/([^/]+)\/?$/, names: ['dagId'] },
  { page: 'run', pattern: /^\/dags\/([^/]+)\/runs\/([^/]+)\/?$/, names: ['dagId', 'runId'] },
  { page: 'runs', pattern: /^\/runs\/?$/ },
  { page: 'taskInstances', pattern: /^\/task-instances\/?$/ },
  { page: 'importErrors', pattern: /^\/import-errors\/?$/ },
];

/** The page and its parameters for a location, or null when no page has that path. */
export function match(location) {
  for (const route of ROUTES) {
    const found = route.pattern.exec(location.pathname);
    if (!found) continue;
    const params = {};
    (route.names ?? []).forEach((name, i) => { params[name] = decodeURIComponent(found[i + 1]); });
    return { page: route.page, params, query: new URLSearchParams(location.search) };
  }
  return null;
}

let onChange = () => {};

/** Goes to another page of the UI: a new history entry, the top of the page, focus on its content. */
export function navigate(url, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  window.scrollTo(0, 0);
  onChange();
  document.getElementById('main')?.focus({ preventScroll: true });
}

/** Changes the query of the current page without a new history entry or a re-render. */
export function setQuery(name, value) {
  const url = new URL(location.href);
  if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
  history.replaceState(null, '', url);
}

function isOwnLink(anchor, event) {
  return anchor && anchor.origin === location.origin && !anchor.target && !anchor.hasAttribute('download')
    && !anchor.pathname.startsWith('/api/') && !anchor.pathname.startsWith('/assets/')
    && event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function startRouter(render) {
  onChange = render;
  window.addEventListener('popstate', render);
  document.addEventListener('click', (event) => {
    const anchor = event.target.closest?.('a[href]');
    if (!isOwnLink(anchor, event)) return;
    event.preventDefault();
    if (anchor.href !== location.href) navigate(anchor.href);
  });
  render();
}
