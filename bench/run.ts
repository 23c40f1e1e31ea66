// `npm run bench`: every benchmark, each reported as a ratio to a baseline measured in the same
// run (never a bare absolute time).
import { benchEvaluateIam, printEvaluateBench } from './evaluate-iam.js';
import { benchHtmlReport } from './html-report.js';
import { mb } from './stats.js';

async function main(): Promise<void> {
  printEvaluateBench(await benchEvaluateIam());
  const html = await benchHtmlReport();
  console.log('html report (time until usable in headless Chromium)');
  console.log(`  50,000 findings: ${mb(html.bytes50k)} (target < 20 MB) ${html.bytes50k < 20 * 1_048_576 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  5,000 findings ${html.ready5kMs.toFixed(0)} ms, 50,000 findings ${html.ready50kMs.toFixed(0)} ms, ratio ${html.ratio.toFixed(2)}× (target ≤ 4×) ${html.ratio <= 4 ? 'OK' : 'OVER TARGET'}`);
  console.log(`process peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
