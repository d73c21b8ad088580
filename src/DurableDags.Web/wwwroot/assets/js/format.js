// How times, durations and JSON are written on the page. Every time shown carries its zone: a
// reader in Bogota and one in Berlin look at the same run, and "06:00" alone is ambiguous.

const pad = (n) => String(n).padStart(2, '0');

/** The browser's own IANA zone (Europe/Berlin), or null when the browser does not say. */
export function browserZone() {
  try { return Intl.DateTimeFormat().resolvedOptions().timeZone ?? null; } catch { return null; }
}

/** The short name of a zone at an instant, as the browser's locale writes it: CET, CEST, GMT-5. */
export function zoneAbbr(date, timeZone) {
  try {
    const parts = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: 'short' }).formatToParts(date);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch { return ''; }
}

/** Local date and time, to the second, with the zone: 2026-11-22 10:15:03 CET. */
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const zone = zoneAbbr(d);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock(d.getTime())}${zone ? ` ${zone}` : ''}`;
}

/** Local time of day, no zone: for a chart axis whose zone is written once beside it. */
export function clock(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Local time of day with the zone: 14:02:10 CET. */
export function clockZone(ms) {
  const zone = zoneAbbr(new Date(ms));
  return `${clock(ms)}${zone ? ` ${zone}` : ''}`;
}

/** Date and time in another IANA zone, with its name: 2026-11-22 06:00:00 America/Bogota. */
export function dateTimeIn(iso, timeZone) {
  const d = new Date(iso);
  if (!iso || Number.isNaN(d.getTime())) return '—';
  try {
    const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    }).formatToParts(d).map((p) => [p.type, p.value]));
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second} ${timeZone}`;
  } catch { return dateTime(iso); }
}

/**
 * A logical date in the browser's zone and, when the DAG's schedule zone reads it differently,
 * also in that zone, since the schedule is written in it: 2026-11-22 12:00:00 CET (06:00:00 in America/Bogota).
 */
export function logicalDate(iso, dagZone) {
  const local = dateTime(iso);
  if (!iso || !dagZone) return local;
  const there = dateTimeIn(iso, dagZone);
  const here = browserZone() ? dateTimeIn(iso, browserZone()) : null;
  if (there === '—' || (here && here.slice(0, 19) === there.slice(0, 19))) return local;
  return `${local} (${there})`;
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
