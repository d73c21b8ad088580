// How times, durations and JSON are written on the page.

const pad = (n) => String(n).padStart(2, '0');

/** Local date and time, to the second: 2026-11-22 10:15:03. */
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function clock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A duration in the largest units that matter: 850 ms, 4.2 s, 3 m 12 s, 2 h 5 m, 3 d 4 h. */
export function duration(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const sec = ms / 1000;
  if (sec < 60) return `${sec < 10 ? sec.toFixed(1) : Math.round(sec)} s`;
  const min = Math.floor(sec / 60);
  if (min < 60) return `${min} m ${Math.round(sec % 60)} s`;
  const hours = Math.floor(min / 60);
  if (hours < 24) return `${hours} h ${min % 60} m`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** Time from start to end, or to now while it has not ended. */
export function elapsed(startIso, endIso, now = Date.now()) {
  if (!startIso) return null;
  const start = Date.parse(startIso);
  const end = endIso ? Date.parse(endIso) : now;
  return Math.max(0, end - start);
}

/** "in 5 m", "3 m ago". */
export function relative(iso, now = Date.now()) {
  if (!iso) return '';
  const delta = Date.parse(iso) - now;
  const text = duration(Math.abs(delta)).replace(/ \d+ (s|m|h)$/, '');
  return delta >= 0 ? `in ${text}` : `${text} ago`;
}

export function json(value) {
  return JSON.stringify(value, null, 2);
}
