// The native findings JSON (DESIGN.md, check-metadata/finding.schema.json), streamed so that
// memory does not grow with the size of the report (see json-chunks.ts).
import { writeStreamAtomic } from '../runner/util/atomic-write.js';
import { JsonArrayChunks } from './json-chunks.js';
import type { ReportInput } from './report-input.js';

function* chunks(input: ReportInput): Generator<string> {
  const { result } = input;
  const json = new JsonArrayChunks(`{"schema":${JSON.stringify(result.schema)},"scan":${JSON.stringify(result.scan)},"findings":[`);
  for (const f of result.findings) {
    const chunk = json.add(JSON.stringify(f));
    if (chunk !== null) yield chunk;
  }
  yield json.end();
}

export async function writeJsonReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(input));
}
