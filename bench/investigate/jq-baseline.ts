// The baseline the investigation is compared with: the plain filter a responder would otherwise
// run over the same log files,
//   zcat FILES | jq -c '.Records[] | select(.eventSource | test("^(qbusiness|qapps|q|codewhisperer)[.]amazonaws[.]com$"))' > /dev/null
// timed with its output counted instead of thrown away (`| wc -l` in place of `> /dev/null`: wc
// reads jq's few tens of MB at memory speed, well under 1% of jq's time, and a second run just to
// count would double a step that takes minutes), so the comparison is honest: jq must have found
// exactly the Amazon Q records the generator wrote. The file list goes to xargs NUL-separated
// from a file (no shell quoting of paths, no argument-length limit).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const JQ_FILTER = '.Records[] | select(.eventSource | test("^(qbusiness|qapps|q|codewhisperer)[.]amazonaws[.]com$"))';

export interface JqBaselineResult {
  /** Wall time of the whole pipeline. */
  ms: number;
  /** Lines the filter printed. */
  qRecords: number;
}

/** Runs `bash -c script` with arguments, resolving with its standard output; rejects on a non-zero exit. */
function bash(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script, 'bash', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`bash -c exited with ${code}: ${err.trim()}`))));
  });
}

export async function jqAvailable(): Promise<boolean> {
  return bash('command -v jq >/dev/null && command -v zcat >/dev/null', []).then(
    () => true,
    () => false,
  );
}

/** Times the jq filter over `files` (absolute paths) and counts what it selects. */
export async function runJqBaseline(files: readonly string[]): Promise<JqBaselineResult> {
  if (!(await jqAvailable())) throw new Error('jq (or zcat) is not on PATH: run the benchmark with `npm run bench` (bench/bench.sh installs jq)');
  const dir = mkdtempSync(join(tmpdir(), 'qready-bench-jq-'));
  try {
    const list = join(dir, 'files');
    writeFileSync(list, files.map((f) => `${f}\0`).join(''));
    const t0 = performance.now();
    const out = await bash('set -o pipefail; xargs -0 zcat < "$1" | jq -c "$2" | wc -l', [list, JQ_FILTER]);
    return { ms: performance.now() - t0, qRecords: Number(out.trim()) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
