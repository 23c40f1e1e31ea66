// The demo accounts' detection data sources (prod mostly passes, sandbox mostly fails).
// prod: an external-access analyzer without findings, GuardDuty and Security Hub in both regions,
// a security contact, and the organization's opt-out of all AI services.
// sandbox: an analyzer in us-east-1 only (eu-west-1 has an unused-access analyzer, which does not
// count) with a partner role and a public bucket shared outside, GuardDuty suspended in us-east-1
// and missing in eu-west-1, no Security Hub, no security contact, and an OU opt-out policy that
// covers Rekognition but not Amazon Q.
import type { SourceTable } from '../../runner/snapshot/snapshot.js';
import type {
  AccessAnalyzer, AccessAnalyzerFindingsData, AccessAnalyzersData, AiOptOutPolicyData, ExternalAccessFinding, GuardDutyDetectorsData,
  SecurityContactData, SecurityHubData,
} from '../../runner/sources/detection-sources.js';
import { ago, DEMO_REGIONS, globalSource, ok, perRegion, type DemoAccount, type DemoSources } from './common.js';

function analyzer(account: string, region: string, name: string, type: string, createdDaysAgo: number): AccessAnalyzer {
  return {
    arn: `arn:aws:access-analyzer:${region}:${account}:analyzer/${name}`, name, type, status: 'ACTIVE', status_reason: null,
    created_at: ago(createdDaysAgo), last_resource_analyzed_at: type.endsWith('UNUSED_ACCESS') ? null : ago(0),
  };
}

function finding(account: string, o: Pick<ExternalAccessFinding, 'id' | 'resource' | 'resource_type' | 'principal' | 'action' | 'is_public'> & Partial<ExternalAccessFinding>): ExternalAccessFinding {
  return { resource_owner_account: account, condition: {}, status: 'ACTIVE', created_at: ago(21), updated_at: ago(21), analyzed_at: ago(0), error: null, ...o };
}

const byRegion = <T>(make: (region: string) => T): SourceTable[string] => perRegion(Object.fromEntries(DEMO_REGIONS.map((r) => [r, ok(make(r))])));

function prodSources(a: string): SourceTable {
  const analyzers = (region: string): AccessAnalyzersData => ({
    analyzers: [
      analyzer(a, region, 'prod-external-access', 'ACCOUNT', 400),
      ...(region === 'us-east-1' ? [analyzer(a, region, 'prod-unused-access', 'ACCOUNT_UNUSED_ACCESS', 120)] : []),
    ],
  });
  const findings = (region: string): AccessAnalyzerFindingsData => ({
    analyzers: [{ analyzer_arn: `arn:aws:access-analyzer:${region}:${a}:analyzer/prod-external-access`, analyzer_name: 'prod-external-access', analyzer_type: 'ACCOUNT', findings: [] }],
  });
  const detectors = (region: string): GuardDutyDetectorsData => ({
    detectors: [{ id: region === 'us-east-1' ? '6ec5a1b2c3d4e5f60718293a4b5c6d7e' : '84c5a1b2c3d4e5f60718293a4b5c6d7f', status: 'ENABLED', created_at: ago(600), updated_at: ago(30), finding_publishing_frequency: 'FIFTEEN_MINUTES' }],
  });
  const hub = (region: string): SecurityHubData => ({
    enabled: true, hub_arn: `arn:aws:securityhub:${region}:${a}:hub/default`, subscribed_at: ago(500), auto_enable_controls: true,
    control_finding_generator: 'SECURITY_CONTROL', not_enabled_reason: null,
  });
  const contact: SecurityContactData = { contact: { name: 'Security Operations Center', title: 'SOC on call', email_address: 'soc@example.com', phone_number: '+49 30 555 0100' } };
  const optOut: AiOptOutPolicyData = {
    in_organization: true, reason: null,
    policy: { content: { services: { default: { opt_out_policy: 'optOut' } } }, last_updated: ago(200), target_id: a },
  };
  return {
    'accessanalyzer.analyzers': byRegion(analyzers),
    'accessanalyzer.findings': byRegion(findings),
    'guardduty.detectors': byRegion(detectors),
    'securityhub.hub': byRegion(hub),
    'account.security_contact': globalSource(contact),
    'organizations.ai_opt_out_policy': globalSource(optOut),
  };
}

function sandboxSources(a: string): SourceTable {
  const analyzers = (region: string): AccessAnalyzersData => ({
    analyzers: region === 'us-east-1'
      ? [analyzer(a, region, 'sandbox-analyzer', 'ACCOUNT', 90)]
      : [analyzer(a, region, 'sandbox-unused-access', 'ACCOUNT_UNUSED_ACCESS', 60)],
  });
  const findings = (region: string): AccessAnalyzerFindingsData => ({
    analyzers: region !== 'us-east-1' ? [] : [{
      analyzer_arn: `arn:aws:access-analyzer:${region}:${a}:analyzer/sandbox-analyzer`, analyzer_name: 'sandbox-analyzer', analyzer_type: 'ACCOUNT',
      findings: [
        finding(a, { id: '2f1e7c3a-5b6d-4e8f-9a0b-1c2d3e4f5a6b', resource: `arn:aws:s3:::sandbox-q-exports-${a}`, resource_type: 'AWS::S3::Bucket', principal: { AWS: '*' }, action: ['s3:GetObject', 's3:ListBucket'], is_public: true }),
        finding(a, {
          id: '8a9b0c1d-2e3f-4a5b-8c7d-9e0f1a2b3c4d', resource: `arn:aws:iam::${a}:role/partner-q-integration`, resource_type: 'AWS::IAM::Role',
          principal: { AWS: '210987654321' }, action: ['sts:AssumeRole'], is_public: false,
        }),
      ],
    }],
  });
  const detectors = (region: string): GuardDutyDetectorsData => ({
    detectors: region === 'us-east-1' ? [{ id: '1ac5a1b2c3d4e5f60718293a4b5c6d70', status: 'DISABLED', created_at: ago(300), updated_at: ago(45), finding_publishing_frequency: 'SIX_HOURS' }] : [],
  });
  const noHub: SecurityHubData = {
    enabled: false, hub_arn: null, subscribed_at: null, auto_enable_controls: null, control_finding_generator: null,
    not_enabled_reason: `InvalidAccessException: Account ${a} is not subscribed to AWS Security Hub`,
  };
  const optOut: AiOptOutPolicyData = {
    in_organization: true, reason: null,
    policy: { content: { services: { rekognition: { opt_out_policy: 'optOut' } } }, last_updated: ago(90), target_id: a },
  };
  return {
    'accessanalyzer.analyzers': byRegion(analyzers),
    'accessanalyzer.findings': byRegion(findings),
    'guardduty.detectors': byRegion(detectors),
    'securityhub.hub': byRegion(() => noHub),
    'account.security_contact': globalSource({ contact: null } satisfies SecurityContactData),
    'organizations.ai_opt_out_policy': globalSource(optOut),
  };
}

export const detectionDemoSources: DemoSources = (account: DemoAccount) => (account.kind === 'prod' ? prodSources(account.id) : sandboxSources(account.id));
