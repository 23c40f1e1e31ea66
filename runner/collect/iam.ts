// The IAM collectors, one per IAM data source in runner/sources/source.ts.
import type { Collector } from './collector.js';
import { accountSummaryCollector, passwordPolicyCollector } from './iam-account.js';
import { authorizationDetailsCollector } from './iam-authorization-details.js';
import { credentialReportCollector } from './iam-credential-report.js';
import { mfaDevicesCollector, virtualMfaDevicesCollector } from './iam-mfa.js';
import { supportPolicyEntitiesCollector } from './iam-support-policy.js';

export const IAM_COLLECTORS: readonly Collector[] = [
  credentialReportCollector,
  passwordPolicyCollector,
  accountSummaryCollector,
  virtualMfaDevicesCollector,
  mfaDevicesCollector,
  authorizationDetailsCollector,
  supportPolicyEntitiesCollector,
];
