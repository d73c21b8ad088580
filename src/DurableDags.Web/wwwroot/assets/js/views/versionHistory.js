// The versions of a DAG and the line diff between two of them, as the API's diff endpoint writes
// it (unified, 3 lines of context). Added and removed lines carry + and − signs as well as colour.
import { h } from '../dom.js';
import { api } from '../api.js';
import { zonedDateTime } from '../zones.js';
import { problemBox } from './problemView.js';

function originText(origin) {
  if (!origin) return null;
  return origin.kind === 'folder' ? `read from the server's DAG folder (${origin.file})` : 'uploaded over the API';
}

/** One line of a unified diff as a row with its kind: add, del, hunk, meta or context. */
export function diffLineKind(line) {
  if (line.startsWith('+++') || line.startsWith('---')) return 'meta';
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}

const SIGNS = { add: 'added', del: 'removed' };

function renderDiff(box, text, from, to) {
  const lines = text.replace(/\n$/, '').split('\n').filter((l) => l !== '');
  if (!lines.length) {
    box.replaceChildren(h('p', { class: 'hint' }, `v${from} and v${to} have the same lines.`));
    return;
  }
  const added = lines.filter((l) => diffLineKind(l) === 'add').length;
  const removed = lines.filter((l) => diffLineKind(l) === 'del').length;
  box.replaceChildren(
    h('p', { class: 'hint' }, `From v${from} to v${to}: ${added} line${added === 1 ? '' : 's'} added, ${removed} removed.`),
    h('pre', { class: 'diff mono', 'aria-label': `Diff from v${from} to v${to}` },
      lines.map((line) => {
        const kind = diffLineKind(line);
        return h('span', { class: ['diff-line', `diff-${kind}`], title: SIGNS[kind] ?? null }, line, '\n');
      })));
}

function versionSelect(id, versions, value) {
  const select = h('select', { id }, versions.map((v) =>
    h('option', { value: String(v.version) }, `v${v.version}${v.current ? ' (current)' : ''}`)));
  select.value = String(value);
  return select;
}

/** Draws the versions of dag into container; signal ends its requests with the page. */
export async function renderVersionHistory(container, dag, signal) {
  container.replaceChildren(h('p', { class: 'hint' }, 'Loading versions…'));
  let versions;
  try {
    versions = (await api.listVersions(dag.id, signal)).versions;
  } catch (error) {
    if (signal.aborted) return;
    container.replaceChildren(problemBox(error, 'The versions could not be read'));
    return;
  }
  const origin = originText(dag.origin);
  const table = h('table', { class: 'versions' },
    h('thead', null, h('tr', null, ['Version', 'Stored', 'Source', 'Hash'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, versions.map((v) => h('tr', { dataset: { version: String(v.version) } },
      h('th', { scope: 'row' }, `v${v.version}`, v.current ? h('span', { class: 'pill pill-active' }, 'current') : null),
      h('td', null, zonedDateTime(v.createdAt)),
      h('td', null, v.sourceFile ?? '—'),
      h('td', { class: 'mono', title: v.hash }, (v.hash ?? '').replace(/^sha256:/, '').slice(0, 12))))));
  const diffBox = h('div', { id: 'version-diff', 'aria-live': 'polite' });
  const parts = [origin ? h('p', { class: 'hint' }, `The current version was ${origin}.`) : null, table];
  if (versions.length > 1) {
    const from = versionSelect('diff-from', versions, versions[1].version);
    const to = versionSelect('diff-to', versions, versions[0].version);
    const show = h('button', { type: 'submit' }, 'Show diff');
    const form = h('form', { class: 'diff-form' },
      h('label', { for: 'diff-from' }, 'From'), from, h('label', { for: 'diff-to' }, 'to'), to, show);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      show.disabled = true;
      try {
        renderDiff(diffBox, await api.versionDiff(dag.id, from.value, to.value, signal), from.value, to.value);
      } catch (error) {
        if (!signal.aborted) diffBox.replaceChildren(problemBox(error, 'The diff could not be read'));
      } finally {
        show.disabled = false;
      }
    });
    parts.push(form, diffBox);
  } else {
    parts.push(h('p', { class: 'hint' }, 'One version so far: a changed upload adds the next.'));
  }
  container.replaceChildren(...parts.filter(Boolean));
}
