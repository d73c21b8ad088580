// The log of one attempt, a line per row with the time it was written (in the browser's zone).
// While the attempt runs the view keeps reading the log and appends what is new, and follows
// the end unless the reader scrolled up to read something.
import { h } from '../dom.js';
import { api } from '../api.js';
import { clockZone } from '../format.js';
import { delay } from '../poller.js';

const TAIL_MS = 1500;
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) (.*)$/;

/** One log line: the engine starts each with its UTC time; older logs have none. */
function lineElement(line) {
  const match = STAMP.exec(line);
  const ms = match ? Date.parse(match[1]) : NaN;
  if (!match || Number.isNaN(ms)) return h('span', { class: 'log-line' }, h('span', { class: 'log-text' }, line), '\n');
  return h('span', { class: 'log-line' },
    h('time', { class: 'log-time', datetime: match[1], title: match[1] }, clockZone(ms)), ' ',
    h('span', { class: 'log-text' }, match[2]), '\n');
}

function linesOf(text) {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

/**
 * A log view owned by the run page, so a shown log and its tail survive the page's redraws.
 * isLive(nodeId, attempt, index) says whether that attempt may still write; signal ends the tail.
 */
export function makeLogView(dagId, runId, { isLive, signal }) {
  const title = h('h3', null, 'Log');
  const status = h('span', { class: 'hint log-status' });
  const text = h('pre', { class: 'log', tabindex: 0 });
  let shown = null;
  let loaded = null;
  let generation = 0;

  const atEnd = () => text.scrollHeight - text.scrollTop - text.clientHeight < 8;
  // Whether the view follows the end: it does until the reader scrolls up, and again once they
  // scroll back down to it.
  let following = true;
  // Where the view last moved itself to the end: anywhere else, the reader moved it.
  let autoTop = null;
  const readerMoved = () => autoTop !== null && text.scrollTop !== autoTop;
  text.addEventListener('scroll', () => { if (readerMoved()) following = atEnd(); });

  function render(log) {
    // A scroll raises its event a frame later: a render in between must not take the reader
    // back to the end, so where the view is now decides.
    if (readerMoved()) following = atEnd();
    const follow = following || atEnd();
    if (log === loaded) return;
    if (loaded && log.startsWith(loaded)) {
      // Only whole lines are written, so what follows the old text starts a new line.
      text.append(...linesOf(log.slice(loaded.length)).map(lineElement));
    } else {
      text.replaceChildren(...(log === '' ? [h('span', { class: 'hint' }, '(the log is empty)')] : linesOf(log).map(lineElement)));
    }
    loaded = log;
    if (follow) {
      text.scrollTop = text.scrollHeight;
      autoTop = text.scrollTop;
    }
  }

  async function read() {
    const { nodeId, attempt, index } = shown;
    return api.getLog(dagId, runId, nodeId, attempt, index, signal);
  }

  async function load() {
    const mine = ++generation;
    loaded = null;
    text.replaceChildren('Loading…');
    try {
      const log = await read();
      if (mine === generation) render(log ?? '');
    } catch (error) {
      if (mine === generation) text.textContent = `The log could not be read: ${error.title ?? error.message}${error.detail ? ` (${error.detail})` : ''}`;
    }
    if (mine === generation) tail(mine);
  }

  async function tail(mine) {
    let live = false;
    while (mine === generation && !signal?.aborted && shown && isLive(shown.nodeId, shown.attempt, shown.index)) {
      live = true;
      status.textContent = 'live: new lines appear as they are written';
      await delay(TAIL_MS, signal);
      if (mine !== generation || signal?.aborted) return;
      try { render((await read()) ?? ''); } catch { /* the next read tries again; the attempt may not have logged yet */ }
    }
    if (mine !== generation) return;
    status.textContent = '';
    // The attempt's last lines go with its end, which may have come after the last read.
    if (live) { try { render((await read()) ?? ''); } catch { /* Reload log reads it again */ } }
  }

  const section = h('section', { class: 'log-view', hidden: true, 'aria-live': 'polite' },
    h('div', { class: 'log-head' }, title, h('button', { type: 'button', class: 'small', onclick: () => load() }, 'Reload log'), status), text);
  return {
    section,
    /** Which log is shown: { nodeId, attempt, index } or null. */
    get shown() { return shown; },
    /** Runs redraw(), which moves the view to a new panel, keeping where the reader had scrolled. */
    keepScroll(redraw) {
      const top = text.scrollTop;
      redraw();
      text.scrollTop = top;
    },
    show(nodeId, attempt, index) {
      shown = { nodeId, attempt, index };
      following = true;
      autoTop = null;
      title.textContent = `Log of ${nodeId}${index === undefined ? '' : `[${index}]`}, attempt ${attempt}`;
      section.hidden = false;
      return load();
    },
    hide() {
      generation += 1;
      shown = null;
      section.hidden = true;
      status.textContent = '';
    },
  };
}
