// Child process of the investigation benchmark: runs the real `qready investigate` pipeline
// (files source with its parse workers, every analysis, the spool) over one generated set, then
// writes the JSON, CSV and HTML reports, and prints one JSON line of figures. It runs alone in
// its own process so that its peak RSS (process.resourceUsage().maxRSS, worker threads included)
// is the pipeline's and nothing else's.
//
// Usage: node dist/bench/investigate/run-investigation.js '<InvestigationRunRequest as JSON>'
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INVESTIGATION_FORMATS, investigationReportPath } from '../../reports/investigation/investigation-files.js';
import { investigate } from '../../runner/investigate/investigate.js';
import { filesSource } from '../../runner/investigate/sources/files-source.js';
import type { InvestigationRunFigures, InvestigationRunRequest } from './investigation-bench.js';

const maxRssMb = (): number => process.resourceUsage().maxRSS / 1024;

async function main(request: InvestigationRunRequest): Promise<InvestigationRunFigures> {
  const t0 = performance.now();
  const output = await investigate({
    source: filesSource(request.root, request.workers === undefined ? {} : { workers: request.workers }),
    window: request.window,
    baseline: request.baseline,
    filters: { principals: [], regions: [], applications: [] },
    allowlist: null,
  });
  try {
    const analysisMs = performance.now() - t0;
    const analysisRssMb = maxRssMb();
    const dir = mkdtempSync(join(tmpdir(), 'qready-bench-investigation-'));
    let reportBytes = 0;
    const t1 = performance.now();
    try {
      for (const format of INVESTIGATION_FORMATS) {
        const file = investigationReportPath(dir, output, format);
        await format.write(output, file);
        reportBytes += statSync(file).size;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const writeMs = performance.now() - t1;
    const { stats } = output.investigation;
    return {
      records: stats.recordsRead,
      files: stats.unitsRead,
      qEvents: stats.qEvents,
      relatedEvents: stats.relatedEvents,
      qInvokedEvents: stats.qInvokedEvents,
      baselineEvents: stats.baselineEvents,
      problems: output.investigation.problems.length,
      answers: output.investigation.answers.length,
      flagged: output.investigation.flagged,
      analysisMs,
      writeMs,
      reportBytes,
      analysisRssMb,
      maxRssMb: maxRssMb(),
    };
  } finally {
    await output.dispose();
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as InvestigationRunRequest).then(
  (figures) => process.stdout.write(`${JSON.stringify(figures)}\n`),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
