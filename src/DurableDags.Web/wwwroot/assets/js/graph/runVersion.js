// A run is pinned to the DAG version it started on (its dagVersion): it is drawn on that
// version's nodes, not the current one's, or nodes added later would read "no run" and nodes
// that ran but were removed since would be missing. The DAG page's graph is redrawn when the
// selected run ran on another version than the one drawn, with a note when it is not the current.
import { h } from '../dom.js';
import { api } from '../api.js';
import { dateTime } from '../format.js';
import { renderGraph } from './graphView.js';

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

/**
 * box: the element the graph goes in; note: the element the version note goes in; dag: the API's
 * DAG. Draws the current version at once. Returns { graph (the current version's, for its node
 * order), show(run) → Promise, clear() }.
 */
export function createRunGraph(box, note, dag, { onSelect, signal } = {}) {
  const versions = new DagVersions(dag, signal);
  const current = renderGraph(box, dag.nodes, { onSelect });
  let drawn = { version: dag.version, graph: current };
  let latest = 0;

  async function show(run) {
    const ticket = ++latest;
    const definition = await versions.forRun(run);
    // Another run was selected while this version was read: that one draws.
    if (ticket !== latest) return;
    if (definition.version !== drawn.version) {
      drawn = { version: definition.version, graph: renderGraph(box, definition.nodes, { onSelect }) };
    }
    note.replaceChildren(...[versionNote(definition, dag)].filter(Boolean));
    drawn.graph.showRun(run);
    box.dataset.version = String(definition.version);
  }

  /** Uncolours the graph while the next run is read, keeping its version. */
  function clear() {
    latest++;
    drawn.graph.showRun(null);
  }

  box.dataset.version = String(dag.version);
  return { graph: current, show, clear };
}
