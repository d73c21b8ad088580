// Repeats a step until it says it is done or the page is left (the signal aborts).

export function delay(ms, signal) {
  return new Promise((resolve) => {
    if (signal?.aborted) { resolve(); return; }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/**
 * Runs step() every intervalMs while it returns true. A failing step is reported through
 * onError and retried on the next tick: one lost request must not freeze a live page.
 */
export async function pollWhile(step, { intervalMs = 1500, signal, onError } = {}) {
  while (!signal?.aborted) {
    let more = true;
    try {
      more = await step();
    } catch (error) {
      if (signal?.aborted || error?.name === 'AbortError') return;
      onError?.(error);
    }
    if (!more) return;
    await delay(intervalMs, signal);
  }
}

/**
 * A list page's live refresh: the returned function starts reading again every everyMs while
 * isActive() holds and refresh() answers true, unless a loop already runs; the rows were just
 * read when it is called, so it waits before the first read.
 */
export function follower(refresh, { everyMs, isActive, signal, onError }) {
  let polling = false;
  return () => {
    if (polling || !isActive()) return;
    polling = true;
    pollWhile(async () => { await delay(everyMs, signal); return !signal.aborted && refresh(); }, { intervalMs: 0, signal, onError })
      .finally(() => { polling = false; });
  };
}
