// Time zones on the page. Times are shown in the browser's zone, so they carry its abbreviation
// (CET, EST, GMT+9); a schedule's own times are shown in the DAG's zone, named as such.
import { dateTime } from './format.js';

const pad = (n) => String(n).padStart(2, '0');

/** The browser's IANA zone, e.g. Europe/Berlin. */
export function browserZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
}

/**
 * The short name of a zone at an instant (summer and winter differ): CET, CEST, EST, GMT+9.
 * Without a zone, the browser's.
 */
export function zoneAbbreviation(at = new Date(), timeZone = undefined) {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone ?? '';
  } catch {
    return timeZone ?? '';
  }
}

/** A time in the browser's zone, with the zone's short name: 2026-11-22 10:15:03 CET. */
export function zonedDateTime(iso) {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  return `${dateTime(iso)} ${zoneAbbreviation(at)}`;
}

/** A time in a given zone (a DAG's), with that zone's short name: 2026-03-29 03:00:00 CEST. */
export function dateTimeIn(iso, timeZone) {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return String(iso);
  let parts;
  try {
    parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'short',
    }).formatToParts(at).map((p) => [p.type, p.value]));
  } catch {
    return zonedDateTime(iso); // a zone this browser does not know: the browser's own
  }
  return `${parts.year}-${parts.month}-${parts.day} ${pad(Number(parts.hour))}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

/** The browser's zone as "CET (Europe/Berlin)", or just "UTC" when both names are the same. */
export function browserZoneLabel() {
  const abbreviation = zoneAbbreviation();
  const zone = browserZone();
  return abbreviation === zone ? zone : `${abbreviation} (${zone})`;
}
