// `qready checks list | show ID | validate [DIR...]`.
import { loadChecks } from '../checks/loader.js';
import { findView } from '../views/registry.js';
import { celTypes } from '../cel/environment.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { loadFrameworks, validateMappings } from '../compliance/frameworks.js';

export function listChecks(opts: { json?: boolean; checksDir?: string[] }, io: CliIo): number {
  const { checks, errors } = loadChecks(opts.checksDir ?? []);
  if (errors.length) {
    for (const e of errors) io.stderr(`${e.message}\n`);
    return EXIT.USAGE;
  }
  if (opts.json) {
    io.stdout(`${JSON.stringify(checks.map((c) => ({ id: c.id, title: c.doc.title, service: c.doc.service, severity: c.doc.severity, source: c.doc.source, compliance: c.doc.compliance, file: c.file })), null, 2)}\n`);
    return EXIT.OK;
  }
  const rows = checks.map((c) => [c.id, c.doc.severity, c.doc.service, c.doc.title]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 8));
  io.stdout(`${'ID'.padEnd(widths[0])}  ${'SEVERITY'.padEnd(widths[1])}  ${'SERVICE'.padEnd(widths[2])}  TITLE\n`);
  for (const r of rows) io.stdout(`${r[0].padEnd(widths[0])}  ${r[1].padEnd(widths[1])}  ${r[2].padEnd(widths[2])}  ${r[3]}\n`);
  io.stdout(`${checks.length} checks\n`);
  return EXIT.OK;
}

export function showCheck(id: string, opts: { json?: boolean; checksDir?: string[] }, io: CliIo): number {
  const { checks, errors } = loadChecks(opts.checksDir ?? []);
  if (errors.length) {
    for (const e of errors) io.stderr(`${e.message}\n`);
    return EXIT.USAGE;
  }
  const check = checks.find((c) => c.id === id);
  if (!check) throw new UsageError(`unknown check '${id}' (see 'qready checks list')`);
  if (opts.json) {
    io.stdout(`${JSON.stringify({ ...check.doc, file: check.file }, null, 2)}\n`);
    return EXIT.OK;
  }
  const d = check.doc;
  const view = findView(d.source)!;
  const itemFields = celTypes.get(view.itemType)?.fields ?? {};
  const out = [
    `${d.id}  (${d.severity}, ${d.service})`,
    d.title,
    '',
    `file:        ${check.file}`,
    `source:      ${d.source}  (${view.description})`,
    `item type:   ${view.itemType} { ${Object.entries(itemFields).map(([k, t]) => `${k}: ${t}`).join(', ')} }`,
    d.where ? `where:       ${d.where}` : null,
    d.assert ? `assert:      ${d.assert}` : d.evaluator ? `evaluator:   ${d.evaluator}` : 'rule:        always MANUAL',
    Object.keys(check.params).length ? `params:      ${JSON.stringify(check.params)}` : null,
    `ir phase:    ${d.ir_phase}   caf: ${d.caf.join(', ')}`,
    `compliance:  ${Object.entries(d.compliance).map(([k, v]) => `${k} ${v.join(', ')}`).join('; ') || '-'}`,
    '',
    `description: ${d.description}`,
    `risk:        ${d.risk}`,
    `remediation: ${d.remediation.text}`,
    d.remediation.cli ? `cli:         ${d.remediation.cli}` : null,
    `docs:        ${d.remediation.url}`,
  ].filter((l): l is string => l !== null);
  io.stdout(`${out.join('\n')}\n`);
  return EXIT.OK;
}

/** Validates check files; with no folder, the built-in ones. Prints `file:line: message` per problem. */
export function validateChecks(dirs: string[], io: CliIo): number {
  const { checks, errors } = dirs.length ? loadChecks(dirs, true) : loadChecks();
  for (const e of errors) io.stderr(`${e.message}\n`);
  // Framework mappings and the checks' compliance maps must name each other.
  const mapping = validateMappings(loadFrameworks(), checks.map((c) => c.doc));
  for (const p of mapping) io.stderr(`${p.message}\n`);
  if (errors.length || mapping.length) {
    io.stderr(`${errors.length + mapping.length} problem(s) found\n`);
    return EXIT.USAGE;
  }
  io.stdout(`${checks.length} checks valid\n`);
  return EXIT.OK;
}
