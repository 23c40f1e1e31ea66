// Builders for the Amazon Q permission check tests: groups, roles, managed policies (customer and
// AWS managed) and documents, on top of test/helpers/iam-fixtures.ts.
import { ACCOUNT_ID } from '../../helpers/check-tester.js';
import type { AttachedPolicyRef, IamGroupDetail, IamManagedPolicyDetail, IamRoleDetail, InlinePolicy } from '../../../runner/sources/iam-data.js';

export const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

export const Q_FULL_ACCESS_ARN = 'arn:aws:iam::aws:policy/AmazonQFullAccess';

/** AmazonQFullAccess as GetAccountAuthorizationDetails returns it (abbreviated to what matters). */
export const Q_FULL_ACCESS_DOCUMENT = doc(
  { Sid: 'AllowAmazonQFullAccess', Effect: 'Allow', Action: ['q:*'], Resource: '*' },
  { Sid: 'AllowPassRoleToAmazonQ', Effect: 'Allow', Action: ['iam:PassRole'], Resource: 'arn:aws:iam::*:role/*', Condition: { StringEquals: { 'iam:PassedToService': ['q.amazonaws.com'] } } },
);

export const ref = (p: IamManagedPolicyDetail): AttachedPolicyRef => ({ name: p.name, arn: p.arn });

export function managed(name: string, document: unknown, o: Partial<IamManagedPolicyDetail> = {}): IamManagedPolicyDetail {
  return { name, arn: `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`, id: `ANPA${name}`, aws_managed: false, attachment_count: 1, default_version_id: 'v1', document, ...o };
}

export function awsManaged(name: string, document: unknown, attachments = 1): IamManagedPolicyDetail {
  return managed(name, document, { arn: `arn:aws:iam::aws:policy/${name}`, aws_managed: true, attachment_count: attachments });
}

export const qFullAccess = (attachments = 1): IamManagedPolicyDetail => awsManaged('AmazonQFullAccess', Q_FULL_ACCESS_DOCUMENT, attachments);

export function iamGroup(name: string, attached: AttachedPolicyRef[] = [], inline: InlinePolicy[] = []): IamGroupDetail {
  return { name, arn: `arn:aws:iam::${ACCOUNT_ID}:group/${name}`, id: `AGPA${name.toUpperCase()}`, attached_policies: attached, inline_policies: inline };
}

export function iamRole(name: string, trust: unknown, o: Partial<IamRoleDetail> = {}): IamRoleDetail {
  return {
    name, arn: `arn:aws:iam::${ACCOUNT_ID}:role/${name}`, id: `AROA${name.toUpperCase()}`, path: '/', trust_policy: trust,
    attached_policies: [], inline_policies: [], last_used: null, ...o,
  };
}

export const trustService = (service: unknown, extra: Record<string, unknown> = {}) =>
  doc({ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole', ...extra });

export const trustAccount = doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT_ID}:root` }, Action: 'sts:AssumeRole' });
