// `npm run bench`: every benchmark, each reported as a ratio to a baseline measured in the same
// run (never a bare absolute time).
import { benchCollection, printCollectionBench } from './collection.js';
import { benchEvaluateIam, IAM_PREPARATION, printEvaluateBench } from './evaluate-iam.js';
import { benchEvaluateQBusiness, printEvaluateQBusinessBench } from './evaluate-qbusiness.js';
import { benchHtmlReport } from './html-report.js';
import { benchInvestigation, printInvestigationBench, trailRecordsOption } from './investigate/investigation-bench.js';
import { mutelistWorkload } from './mutelist-workload.js';
import { benchSecurityHubDryRun } from './security-hub-export.js';
import { mb, timeMs } from './stats.js';
import { benchWriters, writerMemoryRatio } from './writers.js';

const ok = (good: boolean): string => (good ? 'OK' : 'OVER TARGET');

async function main(): Promise<void> {
  // Issue 2's target is for its IAM preparation checks; the whole catalogue on the same estate is
  // printed beside it (the Amazon Q permission checks analyse every principal's policies).
  printEvaluateBench(await benchEvaluateIam(undefined, undefined, IAM_PREPARATION));
  printEvaluateBench(await benchEvaluateIam());
  // Issue 3: the Amazon Q estate (200 applications, 3,000 policies), evaluated and collected.
  printEvaluateQBusinessBench(await benchEvaluateQBusiness());
  printCollectionBench(await benchCollection());

  const html = await benchHtmlReport();
  console.log('html report (time until usable in headless Chromium)');
  console.log(`  50,000 findings: ${mb(html.bytes50k)} (target < 20 MB) ${ok(html.bytes50k < 20 * 1_048_576)}`);
  console.log(`  5,000 findings ${html.ready5kMs.toFixed(0)} ms, 50,000 findings ${html.ready50kMs.toFixed(0)} ms, ratio ${html.ratio.toFixed(2)}× (target ≤ 4×) ${ok(html.ratio <= 4)}`);

  const writers = await benchWriters();
  console.log('report writers (streamed; memory is peak RSS above the pre-write baseline)');
  for (const r of writers) console.log(`  ${r.format.padEnd(9)} ${r.findings.toLocaleString('en').padStart(7)} findings: ${Math.round(r.findingsPerSec).toLocaleString('en')} findings/s, +${r.rssDeltaMb.toFixed(1)} MB`);
  for (const f of [...new Set(writers.map((r) => r.format))]) {
    const q = writerMemoryRatio(writers, f);
    console.log(`  ${f.padEnd(9)} memory at 100,000 / 10,000 findings: ${q.toFixed(2)}× (target flat, ≤ 2×) ${ok(q <= 2)}`);
  }

  const hub = await benchSecurityHubDryRun();
  console.log(`security hub export, dry run: ${hub.findings.toLocaleString('en')} findings in ${hub.ms.toFixed(0)} ms, ${Math.round(hub.findingsPerSec).toLocaleString('en')} findings/s, +${hub.peakRssDeltaMb.toFixed(1)} MB`);

  const w = mutelistWorkload(100_000, 200);
  const run = timeMs(() => w.run(), 5);
  const base = timeMs(() => w.baseline(), 5);
  console.log(`mutelist: 100,000 findings × 200 rules ${run.toFixed(1)} ms, ${(run / base).toFixed(1)}× a rule-less pass over the same findings`);

  console.log(`process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);

  // Issue 5: `qready investigate` over CloudTrail log files against zcat | jq over the same files
  // (each investigation in a child process, so its peak memory is its own; after the line above,
  // so generating the files in worker threads of this process does not change that figure).
  console.log('investigation (CloudTrail log files; qready investigate vs the zcat | jq filter over the same files)');
  printInvestigationBench(await benchInvestigation(trailRecordsOption(process.argv.slice(2), process.env)));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
