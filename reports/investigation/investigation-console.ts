// The summary printed at the end of `qready investigate`: what was read, what could not be, then
// each answer with its flagged rows, and a last line saying whether tampering or unknown activity
// was found (the exit-code-3 condition). Every value that comes from the logs (names, user
// agents, error messages) is written with its control characters made visible, so a crafted user
// agent cannot move the cursor, recolour or rewrite the responder's terminal.
import type { Answer, AnswerItem } from '../../runner/investigate/answers.js';
import { nothingRead, type InvestigationOutput } from '../../runner/investigate/investigation.js';
import { count, displayTime, plural } from './event-text.js';

export interface ConsoleSummaryOptions {
  /** Flagged rows shown per answer before "… N more". */
  maxItems?: number;
  /** Problems (files, regions) named before "… N more". */
  maxProblems?: number;
}

// C0 and C1 controls (ESC, CSI, BEL, CR, LF…) and the bidi overrides that reorder what is shown.
// eslint-disable-next-line no-control-regex
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A value from the logs, safe to print on one terminal line. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function itemLine(item: AnswerItem): string {
  const first = item.events[0];
  let line = `    ! ${terminalSafe(item.label)}  (${plural(item.eventCount, 'event')}`;
  if (first) {
    line += `; first ${displayTime(first.eventTime)} ${terminalSafe(first.eventName)} by ${terminalSafe(first.principal)}`;
    if (first.sourceIp) line += ` from ${terminalSafe(first.sourceIp)}`;
  }
  return `${line})`;
}

function answerLines(answer: Answer, index: number, maxItems: number): string[] {
  const lines = [`  ${index + 1}. ${answer.question}`, `     ${terminalSafe(answer.summary)}`];
  const flagged = answer.items.filter((i) => i.flagged);
  for (const item of flagged.slice(0, maxItems)) lines.push(itemLine(item));
  if (flagged.length > maxItems) lines.push(`    … ${count(flagged.length - maxItems)} more flagged (see the reports)`);
  if (answer.omittedItems > 0) lines.push(`    … ${plural(answer.omittedItems, 'more row')} not listed (their events are in the JSON and CSV)`);
  return lines;
}

export function investigationConsoleSummary(output: InvestigationOutput, options: ConsoleSummaryOptions = {}): string {
  const maxItems = options.maxItems ?? 10;
  const maxProblems = options.maxProblems ?? 10;
  const { run, stats, problems, answers, unclassified, flagged } = output.investigation;
  const lines: string[] = [];
  lines.push(`Investigation of Amazon Q activity from ${displayTime(run.window.start)} to ${displayTime(run.window.end)}`);
  if (run.baseline) lines.push(`  Baseline ${displayTime(run.baseline.start)} to ${displayTime(run.baseline.end)}: ${plural(stats.baselineEvents, 'event')}`);
  const filters = [
    ['principals', run.filters.principals],
    ['regions', run.filters.regions],
    ['applications', run.filters.applications],
  ].filter(([, values]) => values.length > 0);
  if (filters.length) lines.push(`  Filters: ${filters.map(([name, values]) => `${name} ${(values as string[]).join(', ')}`).join('; ')}`);
  lines.push(`  Source ${terminalSafe(run.source)}: ${plural(stats.recordsRead, 'record')} read from ${plural(stats.unitsRead, 'file or page', 'files or pages')}`);
  lines.push(
    `  ${plural(output.eventCount, 'event')} matched: ${count(stats.qEvents)} Amazon Q, ${count(stats.relatedEvents)} IAM/STS/CloudTrail/Logs, ` +
      `${count(stats.qInvokedEvents)} made by Amazon Q for a user` +
      (run.accounts.length ? `; accounts ${run.accounts.map(terminalSafe).join(', ')}` : '') +
      (run.regions.length ? `; regions ${run.regions.map(terminalSafe).join(', ')}` : ''),
  );
  if (problems.length) {
    lines.push(`  ${plural(problems.length, 'problem')}: not read, the rest was analysed`);
    for (const p of problems.slice(0, maxProblems)) lines.push(`    PROBLEM ${terminalSafe(p.where)}: ${terminalSafe(p.message)}`);
    if (problems.length > maxProblems) lines.push(`    … ${plural(problems.length - maxProblems, 'more problem')} (see the JSON)`);
  }
  if (unclassified.length) {
    const names = unclassified.map((u) => `${terminalSafe(u.eventSource)} ${terminalSafe(u.eventName)} ×${count(u.count)}`);
    lines.push(`  ${plural(stats.unclassifiedEvents, 'Amazon Q event')} with a name the catalogue does not know: ${names.slice(0, 10).join(', ')}${names.length > 10 ? `, … ${count(names.length - 10)} more` : ''}`);
  }
  lines.push('');
  answers.forEach((answer, i) => lines.push(...answerLines(answer, i, maxItems)));
  lines.push('');
  if (nothingRead(output.investigation)) {
    lines.push(
      problems.length > 0
        ? 'NOTHING READ: every file, page or region the source tried failed (see the problems above); no conclusion can be drawn.'
        : 'NOTHING READ: the source had no log file, page or query result for the window (check the path or prefix, the regions and the dates); no conclusion can be drawn.',
    );
  } else if (flagged) {
    const where = answers.filter((a) => a.flagged).map((a) => `${a.id} ${plural(a.items.filter((i) => i.flagged).length, 'row')}`);
    lines.push(`FOUND: tampering or unknown activity (${where.join(', ')}); see the reports`);
  } else {
    lines.push('No tampering or unknown activity found.');
  }
  return lines.join('\n');
}
