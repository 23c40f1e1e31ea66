// `--output-formats json-asff`: every finding as an ASFF record (asff.ts) in one JSON array, the
// format `aws securityhub batch-import-findings` and the tools our users run read. Streamed one
// record at a time and written atomically, like the native JSON report.
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import type { ReportInput } from '../report-input.js';
import { checksById, toAsffSized, type AsffOptions } from './asff.js';

function* chunks(input: ReportInput, options: AsffOptions): Generator<string> {
  const { scan, findings } = input.result;
  const checks = checksById(input.checks);
  yield '[';
  let first = true;
  for (const f of findings) {
    yield (first ? '\n' : ',\n') + toAsffSized(f, checks.get(f.check_id), scan, options).json;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}

export async function writeAsffReport(input: ReportInput, file: string, options: AsffOptions = {}): Promise<void> {
  await writeStreamAtomic(file, chunks(input, options));
}
