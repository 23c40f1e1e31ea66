// The investigation benchmark alone (`npm run bench` runs it after the others):
//   npm run -s build && node dist/bench/investigate/main.js [--trail-records 100000]
import { benchInvestigation, printInvestigationBench, trailRecordsOption } from './investigation-bench.js';

async function main(): Promise<void> {
  console.log('investigation (CloudTrail log files; qready investigate vs the zcat | jq filter over the same files)');
  printInvestigationBench(await benchInvestigation(trailRecordsOption(process.argv.slice(2), process.env)));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
