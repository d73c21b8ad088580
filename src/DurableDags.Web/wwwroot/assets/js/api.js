// The only module that talks to the server. Every call goes to /api on this origin and carries
// the key from localStorage, when one is set: as X-Api-Key for `dags serve`, and as
// x-functions-key for the Azure Functions app, whose API routes take a function key.

const KEY_STORAGE = 'durableDags.apiKey';

export function getApiKey() {
  try { return localStorage.getItem(KEY_STORAGE) ?? ''; } catch { return ''; }
}

export function setApiKey(key) {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch { /* storage disabled: the key lives for this page only */ }
}

/** A non-2xx answer, with the RFC 9457 problem body when the server sent one. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.title || `The server answered ${status}`);
    this.status = status;
    this.title = problem?.title || `The server answered ${status}`;
    this.detail = problem?.detail ?? null;
    this.errors = Array.isArray(problem?.errors) ? problem.errors : [];
  }
}

const seg = encodeURIComponent;

async function call(method, path, { body, query, signal, headers, as = 'json' } = {}) {
  const url = new URL(path.startsWith('/api/') ? path : `/api${path}`, location.origin);
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  const sent = { Accept: as === 'text' ? 'text/plain' : 'application/json', ...headers };
  const key = getApiKey();
  if (key) {
    sent['X-Api-Key'] = key;
    sent['x-functions-key'] = key;
  }
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(url, {
      method, signal, headers: sent, body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // fetch rejects with a bare "Failed to fetch" when nothing answered; say which server.
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(0, { title: `Server unreachable: ${location.origin} did not answer`, detail: 'Check that the server is running, then try again.' });
  }
  if (!response.ok) {
    let problem = null;
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) { try { problem = await response.json(); } catch { /* no body */ } }
    else { const text = await response.text(); if (text) problem = { title: text.slice(0, 300) }; }
    throw new ApiError(response.status, problem);
  }
  if (as === 'text') return response.text();
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export const api = {
  listDags: (signal) => call('GET', '/dags', { signal }),
  getDag: (dagId, signal) => call('GET', `/dags/${seg(dagId)}`, { signal }),
  getDagVersion: (dagId, version, signal) => call('GET', `/dags/${seg(dagId)}/versions/${seg(version)}`, { signal }),
  pause: (dagId) => call('POST', `/dags/${seg(dagId)}/pause`),
  unpause: (dagId) => call('POST', `/dags/${seg(dagId)}/unpause`),
  deleteDag: (dagId, { runs } = {}) => call('DELETE', `/dags/${seg(dagId)}`, { query: { runs: runs ? 'true' : undefined } }),
  listVersions: (dagId, signal) => call('GET', `/dags/${seg(dagId)}/versions`, { signal }),
  versionDiff: (dagId, from, to, signal) =>
    call('GET', `/dags/${seg(dagId)}/versions/${seg(from)}/diff/${seg(to)}`, { signal, as: 'text' }),
  createBackfill: (dagId, body) => call('POST', `/dags/${seg(dagId)}/backfills`, { body }),
  getBackfill: (dagId, backfillId, signal) => call('GET', `/dags/${seg(dagId)}/backfills/${seg(backfillId)}`, { signal }),
  /** Runs across DAGs (GET /api/runs), filtered as the API allows. */
  searchRuns: (query, signal) => call('GET', '/runs', { query, signal }),
  listRuns: (dagId, { limit, state, before } = {}, signal) =>
    call('GET', `/dags/${seg(dagId)}/runs`, { query: { limit, state, before }, signal }),
  getRun: (dagId, runId, signal) => call('GET', `/dags/${seg(dagId)}/runs/${seg(runId)}`, { signal }),
  getLog: (dagId, runId, nodeId, attempt, index, signal) =>
    call('GET', `/dags/${seg(dagId)}/runs/${seg(runId)}/nodes/${seg(nodeId)}/logs`,
      { query: { attempt, index }, signal, as: 'text' }),
  /** A URL the server handed out (outputUrl), fetched with the same key. */
  getUrl: (url, signal) => call('GET', url, { signal }),
  trigger: (dagId, body, idempotencyKey) =>
    call('POST', `/dags/${seg(dagId)}/runs`, {
      body, headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined,
    }),
  cancel: (dagId, runId) => call('POST', `/dags/${seg(dagId)}/runs/${seg(runId)}/cancel`),
  rerun: (dagId, runId, options) => call('POST', `/dags/${seg(dagId)}/runs/${seg(runId)}/rerun`, { body: options }),
  listRunEvents: (dagId, runId, signal) => call('GET', `/dags/${seg(dagId)}/runs/${seg(runId)}/events`, { signal }),
  mark: (dagId, runId, nodeId, state, reason) =>
    call('POST', `/dags/${seg(dagId)}/runs/${seg(runId)}/nodes/${seg(nodeId)}/mark`, { body: { state, reason } }),
  sendEvent: (dagId, runId, name, payload) =>
    call('POST', `/dags/${seg(dagId)}/runs/${seg(runId)}/events/${seg(name)}`, { body: payload }),
  /** Runs of every DAG: { dagId, state, trigger, q, logicalFrom, logicalTo, createdFrom, createdTo, limit, cursor }. */
  searchRuns: (query, signal) => call('GET', '/runs', { query, signal }),
  /** Node instances of the newest runs: { dagId, state, nodeId, runs, cursor }. */
  searchNodes: (query, signal) => call('GET', '/nodes', { query, signal }),
  listImportErrors: (signal) => call('GET', '/import-errors', { signal }),
};
