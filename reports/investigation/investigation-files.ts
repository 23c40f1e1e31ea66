// Investigation output formats and the file each one writes:
// <dir>/qready-investigation-<account or 'multi'>-<YYYYMMDDHHmmss>.<ext>.
import { join } from 'node:path';
import type { InvestigationOutput } from '../../runner/investigate/investigation.js';
import { fileTimestamp } from '../report-files.js';
import { writeInvestigationCsv } from './investigation-csv.js';
import { writeInvestigationHtml } from './investigation-html.js';
import { writeInvestigationJson } from './investigation-json.js';

export interface InvestigationFormat {
  name: string;
  extension: string;
  write(output: InvestigationOutput, file: string): Promise<void>;
}

export const INVESTIGATION_FORMATS: readonly InvestigationFormat[] = [
  { name: 'json', extension: 'json', write: writeInvestigationJson },
  { name: 'csv', extension: 'timeline.csv', write: writeInvestigationCsv },
  { name: 'html', extension: 'html', write: writeInvestigationHtml },
];

export function findInvestigationFormat(name: string): InvestigationFormat | undefined {
  return INVESTIGATION_FORMATS.find((f) => f.name === name);
}

const ACCOUNT_ID = /^[0-9]{12}$/;

/**
 * The account the events came from when there is exactly one, else `multi` (an organization
 * trail or several accounts; also no events at all, when no account can be named). The id comes
 * from the logs, which whoever can write to the trail's bucket controls, so only a 12-digit id
 * may become part of a file name (never `../`).
 */
export function investigationAccountLabel(output: InvestigationOutput): string {
  const { accounts } = output.investigation.run;
  return accounts.length === 1 && ACCOUNT_ID.test(accounts[0]) ? accounts[0] : 'multi';
}

export function investigationReportPath(dir: string, output: InvestigationOutput, format: InvestigationFormat): string {
  const stamp = fileTimestamp(output.investigation.run.startedAt);
  return join(dir, `qready-investigation-${investigationAccountLabel(output)}-${stamp}.${format.extension}`);
}
