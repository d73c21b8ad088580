// A run is pinned to the DAG version it started on (its dagVersion): it is drawn on that
// version's nodes, not the current one's, or nodes added later would read "no run" and nodes
// that ran but were removed since would be missing.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';

/** Versions of one DAG read from the API, each once per page; the current one comes with the DAG. */
export class DagVersions {
  constructor(dag, signal) {
    this.dag = dag;
    this.signal = signal;
    this.byVersion = new Map([[dag.version, Promise.resolve({
      version: dag.version, createdAt: dag.versions?.find((v) => v.version === dag.version)?.createdAt ?? null,
      current: true, nodes: dag.nodes,
    })]]);
  }

  /** The definition ({ version, createdAt, current, nodes }) a run ran on; the current one for no run. */
  forRun(run) {
    const version = run?.dagVersion ?? this.dag.version;
    if (!this.byVersion.has(version)) {
      const read = api.getDagVersion(this.dag.id, version, this.signal);
      // A failed read is not kept, so the next poll tries again.
      read.catch(() => this.byVersion.delete(version));
      this.byVersion.set(version, read);
    }
    return this.byVersion.get(version);
  }
}

/** "Drawn on version 1 of 2026-11-22 10:15:03 (current is 2)", or null when it is the current one. */
export function versionNote(definition, dag) {
  if (!definition || definition.version === dag.version) return null;
  return h('p', { class: 'version-note', role: 'note' },
    `Drawn on version ${definition.version}${definition.createdAt ? ` of ${dateTime(definition.createdAt)}` : ''} `
    + `(current is ${dag.version}): the version this run ran.`);
}
