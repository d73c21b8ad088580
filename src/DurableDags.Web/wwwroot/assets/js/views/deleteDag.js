// Deleting a DAG from its page. A modal dialog names the DAG and says what goes with it, as the
// API does it, before anything is sent; a refusal (409: runs still going) is shown in the dialog.
import { announce, h } from '../dom.js';
import { api } from '../api.js';
import { isFinalRun } from '../states.js';
import { navigate, paths } from '../router.js';
import { problemBox } from './problemView.js';

function consequences(dag, runs, listFull) {
  const ended = runs.filter((r) => isFinalRun(r.state)).length;
  const going = runs.length - ended;
  const versions = dag.versions?.length ?? dag.version;
  return [
    h('p', null, `The registry entry of ${dag.id} goes, with its ${versions} version${versions === 1 ? '' : 's'}`
      + `${dag.schedule ? ' and its schedule' : ''}. A DAG uploaded again as ${dag.id} starts afresh at version 1.`),
    ended ? h('p', { class: 'delete-runs' }, `Its ${listFull ? `${ended} or more` : ended} ended run${ended === 1 ? ' is' : 's are'} `
      + 'deleted too, with their nodes, attempts, outputs and logs.') : h('p', null, 'It has no ended runs.'),
    going ? h('p', { class: 'delete-going' }, `${going} run${going === 1 ? ' is' : 's are'} still going: the server refuses to `
      + 'delete a DAG while a run goes on. Cancel them or wait until they end.') : null,
    h('p', null, 'A backfill still running for it is cancelled.'),
    dag.origin?.kind === 'folder' ? h('p', null, `It comes from the server's DAG folder (${dag.origin.file}), `
      + 'which registers it again at its next import unless the file is removed.') : null,
  ];
}

/**
 * The "Delete DAG" button and its dialog. runsNow() answers the runs the page knows (newest first)
 * and whether that list was cut short, so the dialog says what it will delete at the time it opens.
 */
export function deleteDagButton(dag, runsNow, signal) {
  const button = h('button', { type: 'button', class: 'danger', id: 'delete-dag' }, 'Delete DAG');
  const body = h('div');
  const problems = h('div');
  const cancel = h('button', { type: 'button', autofocus: true }, 'Keep it');
  const confirm = h('button', { type: 'button', class: 'danger', id: 'delete-dag-confirm' }, `Delete ${dag.id}`);
  const dialog = h('dialog', { class: 'confirm', 'aria-labelledby': 'delete-dag-title' },
    h('h2', { id: 'delete-dag-title' }, `Delete DAG ${dag.id}?`), body, problems,
    h('div', { class: 'dialog-actions' }, cancel, confirm));
  cancel.addEventListener('click', () => dialog.close());
  // The dialog lives on <body>, outside the page: leaving the page (Back) must not leave it open.
  signal?.addEventListener('abort', () => dialog.remove(), { once: true });
  button.addEventListener('click', () => {
    const { runs, listFull } = runsNow();
    body.replaceChildren(...consequences(dag, runs, listFull));
    problems.replaceChildren();
    if (!dialog.isConnected) document.body.append(dialog);
    dialog.showModal();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      // runs=true: the dialog said the ended runs go too; without it the API refuses a DAG that has any.
      await api.deleteDag(dag.id, { runs: true });
      dialog.close();
      dialog.remove();
      announce(`${dag.id} deleted`);
      navigate(paths.dags());
    } catch (error) {
      problems.replaceChildren(problemBox(error, `Deleting ${dag.id}`));
    } finally {
      confirm.disabled = false;
    }
  });
  return button;
}
