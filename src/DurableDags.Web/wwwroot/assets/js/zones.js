// Time zones on the page. Times are shown in the browser's zone, so they carry its abbreviation
// (CET, EST, GMT+9); a schedule's own times are shown in the DAG's zone, named as such.
import { browserZone as ownZone, dateTime, dateTimeIn as inZone, zoneAbbr } from './format.js';

/** The browser's IANA zone, e.g. Europe/Berlin; UTC when the browser does not say. */
export function browserZone() {
  return ownZone() ?? 'UTC';
}

/**
 * The short name of a zone at an instant (summer and winter differ): CET, CEST, EST, GMT+9.
 * Without a zone, the browser's; a zone the browser cannot name is written as given.
 */
export function zoneAbbreviation(at = new Date(), timeZone = undefined) {
  return zoneAbbr(at, timeZone) || timeZone || '';
}

/** A time in the browser's zone, with the zone's short name: format.js writes every time so. */
export const zonedDateTime = dateTime;

/** A time in a given zone (a DAG's), with that zone's short name: 2026-03-29 03:00:00 CEST. */
export function dateTimeIn(iso, timeZone) {
  // format.js names the zone by its IANA name; here the short name reads better beside other times.
  const text = inZone(iso, timeZone);
  const named = ` ${timeZone}`;
  return text.endsWith(named) ? `${text.slice(0, -named.length)} ${zoneAbbreviation(new Date(iso), timeZone)}` : text;
}

/** The browser's zone as "CET (Europe/Berlin)", or just "UTC" when both names are the same. */
export function browserZoneLabel() {
  const abbreviation = zoneAbbreviation();
  const zone = browserZone();
  return abbreviation === zone ? zone : `${abbreviation} (${zone})`;
}
