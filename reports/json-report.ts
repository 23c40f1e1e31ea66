// The native findings JSON (DESIGN.md, check-metadata/finding.schema.json), streamed so that
// memory does not grow with the size of the report. Findings are gathered into chunks of about
// 32K characters: one write per finding costs more, and one string per report grows without bound.
import { writeStreamAtomic } from '../runner/util/atomic-write.js';
import type { ReportInput } from './report-input.js';

const CHUNK_CHARS = 32_768;

function* chunks(input: ReportInput): Generator<string> {
  const { result } = input;
  let chunk = `{"schema":${JSON.stringify(result.schema)},"scan":${JSON.stringify(result.scan)},"findings":[`;
  let first = true;
  for (const f of result.findings) {
    chunk += (first ? '\n' : ',\n') + JSON.stringify(f);
    first = false;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}\n]}\n`;
}

export async function writeJsonReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(input));
}
