// Builds the bundled demo CloudTrail trail: the production account of the scan demo
// (examples/demo-account.ts) as its organization trail recorded it from 2026-10-24 to 2026-11-29,
// so that `qready demo` can show an investigation too. A month of normal life
// (examples/demo/trail-normal.ts) is the baseline; the week of 2026-11-23 adds an incident
// (examples/demo/trail-incident.ts) that every one of the eight answers has something to say about.
//
// The files are laid out and named the way an organization trail delivers them
// (AWSLogs/o-…/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_UNIQUE.json.gz),
// one file per region and day with activity (a real trail delivers one every few minutes; a day
// keeps the committed folder small). Regenerate with
// `npm run build && node dist/examples/demo-trail.js` (a test keeps the committed folder in sync).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DEMO_TRAIL_FOLDER } from '../runner/cli/demo-command.js';
import { packageRoot } from '../runner/util/package-root.js';
import { incident } from './demo/trail-incident.js';
import { normalDay } from './demo/trail-normal.js';
import { ACCOUNT, ORGANIZATION_ID, TrailRecorder, days, pick, uniqueSuffix, type RawRecord } from './demo/trail-records.js';

// The folder and the window `qready demo` investigates are the CLI's (runner/cli/demo-command.ts).
export { DEMO_TRAIL_FOLDER, DEMO_TRAIL_INVESTIGATION } from '../runner/cli/demo-command.js';

/** The days the trail covers: the baseline's first day to the day of the clean-up. */
export const DEMO_TRAIL_DAYS = { first: '2026-10-24', last: '2026-11-29' } as const;

/** Every record of the trail, in the order the scenario makes them. */
export function demoTrailRecords(): RawRecord[] {
  const rec = new TrailRecorder();
  days(DEMO_TRAIL_DAYS.first, DEMO_TRAIL_DAYS.last).forEach((day, i) => normalDay(rec, day, i));
  incident(rec);
  return [...rec.records];
}

export interface DemoTrailFile {
  /** Relative to the trail folder, with '/' separators. */
  path: string;
  records: RawRecord[];
}

const DAY_MS = 86_400_000;

/** The log files: each region's records of one day, delivered a few minutes after the day ends. */
export function demoTrailFiles(): DemoTrailFile[] {
  const groups = new Map<string, { region: string; day: number; records: RawRecord[] }>();
  for (const r of demoTrailRecords()) {
    const region = r.awsRegion as string;
    const day = Math.floor(Date.parse(r.eventTime as string) / DAY_MS) * DAY_MS;
    const key = `${region} ${day}`;
    let g = groups.get(key);
    if (!g) {
      g = { region, day, records: [] };
      groups.set(key, g);
    }
    g.records.push(r);
  }
  const files: DemoTrailFile[] = [];
  for (const [key, g] of groups) {
    const delivered = new Date(g.day + DAY_MS + (3 + pick(key, 9)) * 60_000);
    const date = delivered.toISOString();
    const [yyyy, mm, dd] = [date.slice(0, 4), date.slice(5, 7), date.slice(8, 10)];
    const stamp = `${yyyy}${mm}${dd}T${date.slice(11, 13)}${date.slice(14, 16)}Z`;
    const name = `${ACCOUNT}_CloudTrail_${g.region}_${stamp}_${uniqueSuffix(key)}.json.gz`;
    // Stable: records of the same second keep the order the scenario made them in.
    const records = [...g.records].sort((a, b) => Date.parse(a.eventTime as string) - Date.parse(b.eventTime as string));
    files.push({ path: ['AWSLogs', ORGANIZATION_ID, ACCOUNT, 'CloudTrail', g.region, yyyy, mm, dd, name].join('/'), records });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A log file's contents as CloudTrail delivers them: gzip of {"Records":[…]} (node:zlib's gzip is deterministic). */
export function trailFileBytes(records: RawRecord[]): Buffer {
  return gzipSync(JSON.stringify({ Records: records }), { level: 9 });
}

/** Replaces `dir` with the trail's files. */
export function writeDemoTrail(dir: string): DemoTrailFile[] {
  const files = demoTrailFiles();
  rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    const path = join(dir, ...f.path.split('/'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, trailFileBytes(f.records));
  }
  return files;
}

// Run directly: rewrite the committed folder.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = join(packageRoot(), DEMO_TRAIL_FOLDER);
  const files = writeDemoTrail(dir);
  console.log(`wrote ${files.length} log files (${files.reduce((n, f) => n + f.records.length, 0)} records) to ${dir}`);
}
