// Run bodies of one DAG. A finished run never changes, so it is fetched once; the grid of a
// 500-node DAG would otherwise download every recent run again on each refresh.
import { api } from '../api.js';
import { isFinalRun } from '../states.js';

const PARALLEL = 4;

export class RunCache {
  constructor(dagId) {
    this.dagId = dagId;
    this.finished = new Map();
  }

  async get(runId, signal) {
    const known = this.finished.get(runId);
    if (known) return known;
    const run = await api.getRun(this.dagId, runId, signal);
    if (isFinalRun(run.state)) this.finished.set(runId, run);
    return run;
  }

  /** The runs in the order of runIds, at most PARALLEL requests at a time. */
  async many(runIds, signal) {
    const result = new Array(runIds.length);
    let next = 0;
    const worker = async () => {
      while (next < runIds.length) {
        const i = next++;
        result[i] = await this.get(runIds[i], signal);
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL, runIds.length) }, worker));
    return result;
  }
}
