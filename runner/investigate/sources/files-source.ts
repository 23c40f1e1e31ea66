// `--source files:PATH`: CloudTrail log files on disk (a copy of a trail's bucket, an export, one
// file). The folder is walked lazily, folders outside the query's regions and days are skipped
// by their path (log-files.ts), and the files are parsed in worker threads (worker-pool.ts).
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { UsageError } from '../../cli/io.js';
import type { TrailEvent } from '../event.js';
import { folderWanted, isGzipName, isLogFileName } from './log-files.js';
import type { SourceProblem, SourceQuery, SourceReport, TrailEventSource } from './source.js';
import { defaultWorkerCount, parseInWorkers, type ParseJob } from './worker-pool.js';

export interface FilesSourceOptions {
  /** Parser threads; default: the available cores, at most 4. */
  workers?: number;
}

export function filesSource(root: string, options: FilesSourceOptions = {}): TrailEventSource {
  return {
    label: `files:${root}`,
    events: (query, report) => readLogFiles(root, query, report, options.workers ?? defaultWorkerCount()),
  };
}

async function* readLogFiles(root: string, query: SourceQuery, report: SourceReport, workers: number): AsyncGenerator<TrailEvent[]> {
  const paths = await logFilePaths(root, query, report.problems);
  const jobs = (async function* (): AsyncGenerator<ParseJob> {
    for await (const path of paths) yield { name: path, path, gzip: isGzipName(path) };
  })();
  yield* parseInWorkers(jobs, query, report, workers);
}

/**
 * The log files to read under `root` (or `root` itself when it is a file, whatever its name), in
 * name order, skipping folders the query cannot need. Checks the root at once: a missing root is
 * a usage error, thrown before any file is read. Unlistable folders are reported and skipped.
 */
export async function logFilePaths(root: string, query: SourceQuery, problems: SourceProblem[]): Promise<AsyncGenerator<string>> {
  let kind;
  try {
    kind = await stat(root);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `--source files: ${root} does not exist` : `--source files: cannot read ${root}: ${(err as Error).message}`);
  }
  if (!kind.isDirectory()) return (async function* () { yield root; })();
  return walk(root, query, problems, new Set());
}

async function* walk(dir: string, query: SourceQuery, problems: SourceProblem[], visited: Set<string>): AsyncGenerator<string> {
  if (!folderWanted(resolve(dir).split(sep).filter((s) => s !== ''), query)) return;
  let entries;
  try {
    // A folder reached twice (through a symbolic link) is read once, and a link cycle ends.
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    problems.push({ where: dir, message: `cannot list the folder: ${(err as Error).message}` });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // A broken link with a log file's name is still handed on, so its failure is reported.
      const target = await stat(path).catch(() => null);
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? true;
    }
    if (isDirectory) yield* walk(path, query, problems, visited);
    else if (isFile && isLogFileName(entry.name)) yield path;
  }
}
