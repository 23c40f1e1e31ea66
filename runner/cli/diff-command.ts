// `qready diff OLD NEW`: new, resolved and persisting failures between two scans of an account.
import { diffExitCode, diffScans, formatDiff, writeDiffJson } from '../diff/diff.js';
import { loadFindingsFile } from '../diff/findings-file.js';
import type { CliIo } from './io.js';

export async function runDiff(oldFile: string, newFile: string, opts: { output?: string; quiet?: boolean }, io: CliIo): Promise<number> {
  const diff = diffScans(loadFindingsFile(oldFile), loadFindingsFile(newFile));
  if (opts.output) await writeDiffJson(diff, opts.output);
  if (!opts.quiet) io.stdout(`${formatDiff(diff)}\n${opts.output ? `  diff: ${opts.output}\n` : ''}`);
  return diffExitCode(diff);
}
