// Data sources: IAM Access Analyzer, GuardDuty, Security Hub, account contacts, Organizations AI opt-out
// (collectors: runner/collect/detection*.ts; views: runner/views/detection-views.ts). The shapes the
// collectors store in the snapshot are declared here too, so collectors and views agree on them.
import type { SourceError } from '../snapshot/snapshot.js';
import type { SourceDecl } from './source.js';

export const DETECTION_SOURCES: readonly SourceDecl[] = [
  {
    id: 'accessanalyzer.analyzers',
    scope: 'regional',
    actions: ['access-analyzer:ListAnalyzers'],
    description: 'IAM Access Analyzer analyzers in the region (all types), with type and status.',
  },
  {
    id: 'accessanalyzer.findings',
    scope: 'regional',
    actions: ['access-analyzer:ListFindings'],
    dependsOn: ['accessanalyzer.analyzers'],
    description: 'ACTIVE findings of each ACTIVE external-access analyzer (type ACCOUNT or ORGANIZATION) in the region.',
  },
  {
    id: 'guardduty.detectors',
    scope: 'regional',
    actions: ['guardduty:ListDetectors', 'guardduty:GetDetector'],
    description: 'GuardDuty detectors in the region with their status (ENABLED, or DISABLED when suspended).',
  },
  {
    id: 'securityhub.hub',
    scope: 'regional',
    actions: ['securityhub:DescribeHub'],
    description: 'Whether Security Hub is enabled in the region (DescribeHub; "not subscribed" is recorded as not enabled).',
  },
  {
    id: 'account.security_contact',
    scope: 'global',
    actions: ['account:GetAlternateContact'],
    description: 'The account\'s SECURITY alternate contact (absent when none is registered).',
  },
  {
    id: 'organizations.ai_opt_out_policy',
    scope: 'global',
    actions: ['organizations:DescribeEffectivePolicy'],
    description: 'The account\'s effective AI services opt-out policy (AISERVICES_OPT_OUT_POLICY), or why there is none.',
  },
];

// --- accessanalyzer.analyzers

/** Analyzer types that analyse access from outside the account or organization (CIS 1.20/1.19, FSBP IAM.28). */
export const EXTERNAL_ACCESS_ANALYZER_TYPES: readonly string[] = ['ACCOUNT', 'ORGANIZATION'];

export interface AccessAnalyzer {
  arn: string;
  name: string;
  /** ACCOUNT, ORGANIZATION, ACCOUNT_UNUSED_ACCESS, ORGANIZATION_UNUSED_ACCESS, ACCOUNT_INTERNAL_ACCESS, … */
  type: string;
  /** ACTIVE, CREATING, DISABLED or FAILED. */
  status: string;
  /** Why the analyzer is not ACTIVE (statusReason.code), when AWS says. */
  status_reason: string | null;
  created_at: string | null;
  last_resource_analyzed_at: string | null;
}

export interface AccessAnalyzersData {
  analyzers: AccessAnalyzer[];
}

/** Whether the collector reads the findings of this analyzer (an ACTIVE external-access analyzer). */
export function isActiveExternalAccessAnalyzer(a: Pick<AccessAnalyzer, 'type' | 'status'>): boolean {
  return EXTERNAL_ACCESS_ANALYZER_TYPES.includes(a.type) && a.status === 'ACTIVE';
}

// --- accessanalyzer.findings

export interface ExternalAccessFinding {
  id: string;
  /** The ARN (or name) of the resource that is shared. */
  resource: string | null;
  /** AWS::IAM::Role, AWS::S3::Bucket, AWS::KMS::Key, … */
  resource_type: string;
  resource_owner_account: string | null;
  /** Who has access: `{ "AWS": "111122223333" }`, `{ "Federated": "…" }`, `{ "AWS": "*" }` when public. */
  principal: Record<string, string>;
  action: string[];
  is_public: boolean;
  condition: Record<string, string>;
  status: string;
  created_at: string | null;
  updated_at: string | null;
  analyzed_at: string | null;
  /** Set when Access Analyzer could not analyse the resource. */
  error: string | null;
}

/** One ACTIVE external-access analyzer and its ACTIVE findings, or why they could not be listed. */
export interface AnalyzerFindings {
  analyzer_arn: string;
  analyzer_name: string;
  analyzer_type: string;
  /** Null when listing failed for this analyzer (see error); the other analyzers are unaffected. */
  findings: ExternalAccessFinding[] | null;
  error?: SourceError;
}

export interface AccessAnalyzerFindingsData {
  analyzers: AnalyzerFindings[];
}

// --- guardduty.detectors

export interface GuardDutyDetector {
  id: string;
  /** ENABLED, or DISABLED (the console calls a disabled detector "suspended"). */
  status: string;
  created_at: string | null;
  updated_at: string | null;
  finding_publishing_frequency: string | null;
}

export interface GuardDutyDetectorsData {
  detectors: GuardDutyDetector[];
}

// --- securityhub.hub

export interface SecurityHubData {
  /** False when DescribeHub answers that the account is not subscribed (InvalidAccessException). */
  enabled: boolean;
  hub_arn: string | null;
  subscribed_at: string | null;
  auto_enable_controls: boolean | null;
  control_finding_generator: string | null;
  /** The "not subscribed" answer, kept as evidence. */
  not_enabled_reason: string | null;
}

// --- account.security_contact

export interface AlternateContact {
  name: string | null;
  title: string | null;
  email_address: string | null;
  phone_number: string | null;
}

export interface SecurityContactData {
  /** Null when GetAlternateContact answers ResourceNotFoundException (none registered). */
  contact: AlternateContact | null;
}

// --- organizations.ai_opt_out_policy

export interface AiOptOutPolicyData {
  /** False on AWSOrganizationsNotInUseException. */
  in_organization: boolean;
  /** Null when not in an organization or no policy applies (EffectivePolicyNotFoundException). */
  policy: AiOptOutEffectivePolicy | null;
  /** The error that stood for "none", kept as evidence. */
  reason: string | null;
}

export interface AiOptOutEffectivePolicy {
  /** PolicyContent parsed from JSON, or the text itself when it is not JSON. */
  content: unknown;
  last_updated: string | null;
  target_id: string | null;
}
