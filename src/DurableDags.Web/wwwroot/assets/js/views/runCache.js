// Run bodies of one DAG, for one page. A finished run never changes, so it is fetched once; the
// grid of a 500-node DAG would otherwise download every recent run again on each refresh. Requests
// end with the page (its signal), not with one caller, because callers share them.
import { api } from '../api.js';
import { isFinalRun } from '../states.js';

const PARALLEL = 4;

export class RunCache {
  constructor(dagId, signal) {
    this.dagId = dagId;
    this.signal = signal;
    this.finished = new Map();
    this.loading = new Map();
  }

  /** The run; callers asking for the same run at once share one request. */
  get(runId) {
    const known = this.finished.get(runId) ?? this.loading.get(runId);
    if (known) return Promise.resolve(known);
    const request = api.getRun(this.dagId, runId, this.signal).then((run) => {
      if (isFinalRun(run.state)) this.finished.set(runId, run);
      return run;
    }).finally(() => this.loading.delete(runId));
    this.loading.set(runId, request);
    return request;
  }

  /** The runs in the order of runIds, at most PARALLEL requests at a time. */
  async many(runIds) {
    const result = new Array(runIds.length);
    let next = 0;
    const worker = async () => {
      while (next < runIds.length) {
        const i = next++;
        result[i] = await this.get(runIds[i]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, runIds.length) }, worker));
    return result;
  }
}
