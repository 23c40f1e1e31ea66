// Small renderings shared by the investigation outputs, so the console, the CSV and the HTML
// report say the same thing about the same event.
import type { TrailEvent } from '../../runner/investigate/event.js';

/** 2026-03-01T12:00:05.123Z → "2026-03-01 12:00:05 UTC"; a time that does not parse is shown as logged. */
export function displayTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The resources an event names (CloudTrail's `resources[]`), as ARNs or types, space-separated. */
export function eventResources(event: TrailEvent): string {
  return event.resources
    .map((r) => r.arn ?? r.type ?? '')
    .filter((s) => s !== '')
    .join(' ');
}

/** The category column: the catalogue's category, `unclassified` for a Q event it does not know, empty outside Amazon Q. */
export function eventCategory(event: TrailEvent): string {
  if (event.qClass) return event.qClass.category;
  return event.scope === 'q' ? 'unclassified' : '';
}

const COUNT = new Intl.NumberFormat('en-US');

/** 12345 → "12,345" (fixed locale: the output does not depend on the machine). */
export function count(n: number): string {
  return COUNT.format(n);
}

/** "1 event" / "2 events". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}
