// Who we are: the account and partition every snapshot and finding is keyed by.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { SCAN_ACTIONS } from '../sources/source.js';
import type { ClientFactory } from './clients.js';

export interface CallerIdentity {
  accountId: string;
  /** aws, aws-cn, aws-us-gov…, from the caller ARN (credentials only work in their own partition). */
  partition: string;
  arn: string;
}

/** `arn:aws-us-gov:sts::123456789012:assumed-role/x/y` → `aws-us-gov`. */
export function arnPartition(arn: string): string {
  const [prefix, partition] = arn.split(':');
  if (prefix !== 'arn' || !partition) throw new Error(`not an ARN: '${arn}'`);
  return partition;
}

/**
 * GetCallerIdentity. `region` defaults to the one the SDK resolves (AWS_REGION, the profile), so
 * credentials of another partition reach that partition's STS.
 */
export async function callerIdentity(factory: ClientFactory, region?: string): Promise<CallerIdentity> {
  const sts = factory.client('sts', region, SCAN_ACTIONS);
  const out = await sts.send(new GetCallerIdentityCommand({}));
  if (!out.Account || !out.Arn) throw new Error('GetCallerIdentity returned no Account or Arn');
  return { accountId: out.Account, partition: arnPartition(out.Arn), arn: out.Arn };
}
