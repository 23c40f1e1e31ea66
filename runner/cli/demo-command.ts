// `qready demo`: the bundled demo accounts, offline. It scans the demo snapshot and investigates
// the demo CloudTrail trail (examples/demo-trail, built by examples/demo-trail.ts: a month of
// normal Amazon Q use, then an incident week), and exits 0 once every report is written: the
// failures and the incident are the point of the demo.
import { join } from 'node:path';
import { packageRoot } from '../util/package-root.js';
import { EXIT, type CliIo } from './io.js';
import { DEFAULT_INVESTIGATION_FORMATS, runInvestigate } from './investigate-command.js';
import { demoSnapshotPath, runScan, type ScanOptions } from './scan-command.js';

/** Where the demo trail is committed, relative to the package root. */
export const DEMO_TRAIL_FOLDER = join('examples', 'demo-trail');

/** The investigation the demo runs: the incident week, against the 30 days before it. */
export const DEMO_TRAIL_INVESTIGATION = { start: '2026-11-23', end: '2026-11-28', baseline: '30d' } as const;

export async function runDemo(opts: ScanOptions, io: CliIo): Promise<number> {
  const scanned = await runScan({ ...opts, snapshot: demoSnapshotPath() }, io);
  if (scanned !== EXIT.OK && scanned !== EXIT.FAIL) return scanned;
  const investigated = await runInvestigate(
    {
      source: `files:${join(packageRoot(), DEMO_TRAIL_FOLDER)}`,
      ...DEMO_TRAIL_INVESTIGATION,
      outputDir: opts.outputDir,
      outputFormats: DEFAULT_INVESTIGATION_FORMATS.join(','),
      progress: opts.progress,
      quiet: opts.quiet,
    },
    io,
  );
  if (investigated !== EXIT.OK && investigated !== EXIT.FAIL) return investigated;
  if (!opts.quiet) io.stdout(`Demo reports written to ${opts.outputDir}: the scans of two accounts and an investigation of an Amazon Q incident; open the .html files in a browser.\n`);
  return EXIT.OK;
}
