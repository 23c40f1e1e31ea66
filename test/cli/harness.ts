// Helpers for end-to-end CLI tests: run `main` with captured output, temporary folders, and a
// validator for the native findings JSON built independently of the runner's own ajv instance.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { CliIo } from '../../runner/cli/io.js';
import { main } from '../../runner/cli/main.js';
import { packageRoot } from '../../runner/util/package-root.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

// Should a scan ever try to reach AWS, it fails fast instead of touching the network.
const NETWORK_REFUSED = {
  maxAttempts: 1,
  credentials: { accessKeyId: 'AKIDEXAMPLETEST', secretAccessKey: 'test-secret' },
  requestHandler: { handle: () => Promise.reject(new Error('network access in a test')) },
} as unknown as CliIo['clientOptions'];

/** Runs `qready <args>` in-process; no AWS client is ever built unless a test asks for it. */
export function runCli(...args: string[]): Promise<CliRun> {
  return runCliWith(NETWORK_REFUSED, ...args);
}

/** Runs `qready <args>` in-process with AWS clients built from `clientOptions` (e.g. a fake wire). */
export async function runCliWith(clientOptions: CliIo['clientOptions'], ...args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    isTty: false,
    clientOptions,
  };
  const code = await main(['node', 'qready', ...args], io);
  return { code, stdout, stderr };
}

/** A fresh folder under os.tmpdir(); remove it with `removeTmp`. */
export function makeTmp(prefix = 'qready-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeTmp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export const DEMO_SNAPSHOT = join(packageRoot(), 'examples', 'demo-account.snapshot.json');
export const DEMO_ACCOUNTS = ['111122223333', '444455556666'];

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let findingsValidator: ValidateFunction | undefined;

/** Validates a parsed findings file against check-metadata/finding.schema.json (strict ajv, formats). */
export function validateFindingsFile(value: unknown): void {
  if (!findingsValidator) {
    const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'check-metadata', 'finding.schema.json'), 'utf8')) as object;
    findingsValidator = ajv.compile(schema);
  }
  if (!findingsValidator(value)) {
    throw new Error(`findings JSON does not match finding.schema.json:\n${(findingsValidator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('\n')}`);
  }
}
