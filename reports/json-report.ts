// The native findings JSON (DESIGN.md, check-metadata/finding.schema.json), streamed one finding
// at a time so that memory does not grow with the size of the report.
import { writeStreamAtomic } from '../runner/util/atomic-write.js';
import type { ReportInput } from './report-input.js';

function* chunks(input: ReportInput): Generator<string> {
  const { result } = input;
  yield `{"schema":${JSON.stringify(result.schema)},"scan":${JSON.stringify(result.scan)},"findings":[`;
  let first = true;
  for (const f of result.findings) {
    yield (first ? '\n' : ',\n') + JSON.stringify(f);
    first = false;
  }
  yield '\n]}\n';
}

export async function writeJsonReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(input));
}
