// Turning anything a collector throws into the snapshot's SourceError, so a failure is recorded
// (and reported as ERROR with the missing permission) instead of aborting the scan.
import type { SourceError } from '../snapshot/snapshot.js';
import { failedAction } from './action-guard.js';

/** The SDK names service errors after their code (AccessDenied, Throttling, NoSuchEntityException…). */
export function errorCode(err: unknown): string {
  if (err instanceof Error && err.name) return err.name;
  return 'Error';
}

export function toSourceError(err: unknown): SourceError {
  const message = err instanceof Error ? err.message : String(err);
  return { code: errorCode(err), message, action: failedAction(err) };
}

/** IAM's "there is none" answer (for example no password policy); modelled as NoSuchEntityException. */
export function isNoSuchEntity(err: unknown): boolean {
  const code = errorCode(err);
  return code === 'NoSuchEntityException' || code === 'NoSuchEntity';
}
