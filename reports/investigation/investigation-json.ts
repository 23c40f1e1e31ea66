// The investigation JSON (check-metadata/investigation.schema.json): the Investigation's fields,
// then every normalised event of the window in time order, one TrailEvent per array element with
// its field names as they are (camelCase, like CloudTrail's own). The events are streamed from the
// spool and gathered into chunks (json-chunks.ts), so the file may hold hundreds of
// thousands of events while memory holds one chunk.
import { INVESTIGATION_SCHEMA, type Investigation, type InvestigationOutput } from '../../runner/investigate/investigation.js';
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import { JsonArrayChunks } from '../json-chunks.js';

/** The fields of the file before `events`, in a fixed order (only these: the schema allows no others). */
function head(investigation: Investigation): string {
  const { run, stats, problems, answers, principals, unclassified, flagged } = investigation;
  const fields: [string, unknown][] = [
    ['schema', INVESTIGATION_SCHEMA],
    ['run', run],
    ['stats', stats],
    ['problems', problems],
    ['answers', answers],
    ['principals', principals],
    ['unclassified', unclassified],
    ['flagged', flagged],
  ];
  return '{' + fields.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',\n');
}

async function* chunks(output: InvestigationOutput): AsyncGenerator<string> {
  const json = new JsonArrayChunks(`${head(output.investigation)},\n"events":[`);
  for await (const event of output.events()) {
    const chunk = json.add(JSON.stringify(event));
    if (chunk !== null) yield chunk;
  }
  yield json.end();
}

export async function writeInvestigationJson(output: InvestigationOutput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(output));
}
