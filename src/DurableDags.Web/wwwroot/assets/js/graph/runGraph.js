// The graph of a DAG page: drawn on the selected run's own DAG version (redrawn when another
// selected run ran on another version), coloured by that run, with a note when that version is
// not the current one.
import { renderGraph } from './graphView.js';
import { DagVersions, versionNote } from './runVersion.js';

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
