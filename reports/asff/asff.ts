// One qready finding as an AWS Security Finding Format (ASFF) record, for `--output-formats
// json-asff` and the Security Hub export. Every constraint of BatchImportFindings is enforced here,
// so a record that leaves this module is one Security Hub accepts: lengths are cut with a visible
// marker, enums are mapped, lists are capped, and a record never exceeds 240 KB.
//
// Only types come from the SDK: writing the JSON report does not load the Security Hub client.
import { createHash } from 'node:crypto';
import type {
  AwsSecurityFinding,
  ComplianceStatus,
  Partition,
  RecordState,
  Resource,
  SeverityLabel,
  WorkflowStatus,
} from '@aws-sdk/client-securityhub';
import type { Compliance, Finding, ScanInfo, Severity, Status } from '../../runner/findings/finding.js';
import type { CheckSummary } from '../report-input.js';

export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** Appended to every value that had to be cut; the cut value including the marker fits the limit. */
export const TRUNCATION_MARKER = '…[truncated]';

/** Prefix of every qready Id and GeneratorId: unique within the account's default product, and what archiving filters on. */
export const QREADY_PREFIX = 'qready/';

/**
 * Limits from the ASFF reference and BatchImportFindings. Character limits are applied to UTF-16
 * code units (JavaScript's `length`), which is never less than the count of Unicode characters,
 * so a value within the limit is within it however Security Hub counts characters.
 */
export const ASFF_LIMITS = {
  id: 512,
  generatorId: 512,
  title: 256,
  description: 1024,
  remediationText: 512,
  types: 50,
  relatedRequirements: 32,
  resources: 32,
  resourceRegion: 16,
  productFields: 50,
  productFieldKey: 128,
  productFieldValue: 2048,
  /** Resource.Details.Other: keys "fewer than 128", values "fewer than 1,024" characters. */
  otherKey: 127,
  otherValue: 1023,
  /** "The maximum allowed size for a finding is 240 Kb": counted as 240,000 bytes of UTF-8 JSON, the stricter reading. */
  findingBytes: 240_000,
} as const;

export const TYPE_CIS = 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark';
export const TYPE_BEST_PRACTICES = 'Software and Configuration Checks/AWS Security Best Practices';

/** The five ASFF type namespaces; a type is `namespace[/category[/classifier]]`. */
const TYPE_NAMESPACES = ['Software and Configuration Checks', 'TTPs', 'Effects', 'Unusual Behaviors', 'Sensitive Data Identifications'];

/**
 * Display names of the built-in compliance keys (check-metadata/frameworks/) for
 * Compliance.RelatedRequirements, spelt as Security Hub spells its own standards
 * ("CIS AWS Foundations Benchmark v1.2.0/1.10").
 */
export const DEFAULT_FRAMEWORK_NAMES: Readonly<Record<string, string>> = {
  'cis_aws_3.0': 'CIS AWS Foundations Benchmark v3.0.0',
  'cis_aws_5.0': 'CIS AWS Foundations Benchmark v5.0.0',
  aws_fsbp: 'AWS Foundational Security Best Practices v1.0.0',
  aws_caf: 'AWS CAF Security Perspective v3.0',
  amazon_q_ir_playbook: 'Amazon Q Incident Response Playbook v1.0',
};

/** Names for custom frameworks (`<name> v<version>`), for AsffOptions.frameworkNames; built-in keys keep their defaults. */
export function frameworkNames(frameworks: readonly { key: string; name: string; version: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of frameworks) if (!(f.key in DEFAULT_FRAMEWORK_NAMES)) out[f.key] = `${f.name} v${f.version}`;
  return out;
}

/** Resource types with an ASFF definition (the SDK's ResourceDetails members, plus AwsAccount). Others become `Other`. */
const ASFF_RESOURCE_TYPES = new Set(
  (
    'AwsAccount AwsAmazonMqBroker AwsApiGatewayRestApi AwsApiGatewayStage AwsApiGatewayV2Api AwsApiGatewayV2Stage AwsAppSyncGraphQlApi '
    + 'AwsAthenaWorkGroup AwsAutoScalingAutoScalingGroup AwsAutoScalingLaunchConfiguration AwsBackupBackupPlan AwsBackupBackupVault '
    + 'AwsBackupRecoveryPoint AwsCertificateManagerCertificate AwsCloudFormationStack AwsCloudFrontDistribution AwsCloudTrailTrail '
    + 'AwsCloudWatchAlarm AwsCodeBuildProject AwsDmsEndpoint AwsDmsReplicationInstance AwsDmsReplicationTask AwsDynamoDbTable '
    + 'AwsEc2ClientVpnEndpoint AwsEc2Eip AwsEc2Instance AwsEc2LaunchTemplate AwsEc2NetworkAcl AwsEc2NetworkInterface AwsEc2RouteTable '
    + 'AwsEc2SecurityGroup AwsEc2Subnet AwsEc2TransitGateway AwsEc2Volume AwsEc2Vpc AwsEc2VpcEndpointService AwsEc2VpcPeeringConnection '
    + 'AwsEc2VpnConnection AwsEcrContainerImage AwsEcrRepository AwsEcsCluster AwsEcsContainer AwsEcsService AwsEcsTask '
    + 'AwsEcsTaskDefinition AwsEfsAccessPoint AwsEksCluster AwsElasticBeanstalkEnvironment AwsElasticsearchDomain AwsElbLoadBalancer '
    + 'AwsElbv2LoadBalancer AwsEventSchemasRegistry AwsEventsEndpoint AwsEventsEventbus AwsGuardDutyDetector AwsIamAccessKey AwsIamGroup '
    + 'AwsIamPolicy AwsIamRole AwsIamUser AwsKinesisStream AwsKmsKey AwsLambdaFunction AwsLambdaLayerVersion AwsMskCluster '
    + 'AwsNetworkFirewallFirewall AwsNetworkFirewallFirewallPolicy AwsNetworkFirewallRuleGroup AwsOpenSearchServiceDomain AwsRdsDbCluster '
    + 'AwsRdsDbClusterSnapshot AwsRdsDbInstance AwsRdsDbSecurityGroup AwsRdsDbSnapshot AwsRdsEventSubscription AwsRedshiftCluster '
    + 'AwsRoute53HostedZone AwsS3AccessPoint AwsS3AccountPublicAccessBlock AwsS3Bucket AwsS3Object AwsSageMakerNotebookInstance '
    + 'AwsSecretsManagerSecret AwsSnsTopic AwsSqsQueue AwsSsmPatchCompliance AwsStepFunctionStateMachine AwsWafRateBasedRule '
    + 'AwsWafRegionalRateBasedRule AwsWafRegionalRule AwsWafRegionalRuleGroup AwsWafRegionalWebAcl AwsWafRule AwsWafRuleGroup '
    + 'AwsWafWebAcl AwsWafv2RuleGroup AwsWafv2WebAcl AwsXrayEncryptionConfig CodeRepository Container Other'
  ).split(' '),
);

const PARTITIONS: ReadonlySet<string> = new Set<Partition>(['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b']);

const SEVERITY_LABEL: Record<Severity, SeverityLabel> = {
  critical: 'CRITICAL',
  high: 'HIGH',
  medium: 'MEDIUM',
  low: 'LOW',
  informational: 'INFORMATIONAL',
};

/**
 * Compliance.Status per qready status. The Security Hub API reference defines WARNING as "some
 * information is missing or this check is not supported for your configuration" and NOT_AVAILABLE
 * as "check could not be performed due to a service outage, API error…". A MANUAL finding is a
 * check qready cannot decide from the API alone: the deciding information is missing, which is
 * WARNING — visible in Security Hub as needing attention, but not a failure and not counted
 * against the security score. ERROR (the data could not be read) is exactly NOT_AVAILABLE.
 */
export const COMPLIANCE_STATUS: Record<Status, ComplianceStatus> = {
  PASS: 'PASSED',
  FAIL: 'FAILED',
  MANUAL: 'WARNING',
  ERROR: 'NOT_AVAILABLE',
};

export interface AsffOptions {
  /** Names of compliance keys for RelatedRequirements (merged over DEFAULT_FRAMEWORK_NAMES); an unknown key is used as is. */
  frameworkNames?: Readonly<Record<string, string>>;
  /** CreatedAt to keep (the exporter passes the CreatedAt of the record already in Security Hub); default the scan start. */
  createdAt?: string;
  /** UpdatedAt; default the scan end. */
  updatedAt?: string;
}

/** A record with its serialized size, as the exporter needs it for batching. */
export interface SizedAsff {
  finding: AwsSecurityFinding;
  /** JSON.stringify(finding). */
  json: string;
  /** Its exact UTF-8 size. */
  bytes: number;
  /** True when evidence had to be cut (ProductFields limits) or dropped (240 KB). */
  evidenceTruncated: boolean;
  /** True when the record exceeds 240 KB even without evidence: Security Hub would reject it. */
  oversize: boolean;
}

const SURROGATE = /[\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replaces lone surrogates (not representable in UTF-8) with U+FFFD. */
export function wellFormed(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Cuts `text` to at most `max` UTF-16 units, ending with TRUNCATION_MARKER, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  const clean = wellFormed(text);
  if (clean.length <= max) return clean;
  let cut = Math.max(0, max - TRUNCATION_MARKER.length);
  if (cut > 0 && isHighSurrogate(clean.charCodeAt(cut - 1))) cut--;
  return (clean.slice(0, cut) + TRUNCATION_MARKER).slice(0, max);
}

/** ASFF strings must match `.*\S.*`: a blank value falls back. */
function nonBlank(text: string | null | undefined, fallback: string): string {
  return text && /\S/.test(text) ? text : fallback;
}

export function productArn(partition: string, region: string, accountId: string): string {
  return `arn:${partition}:securityhub:${region}:${accountId}:product/${accountId}/default`;
}

/** The ASFF Id of a finding: stable across scans because finding.id is. */
export function asffId(findingId: string): string {
  const id = QREADY_PREFIX + findingId;
  return id.length <= ASFF_LIMITS.id ? id : `${QREADY_PREFIX}sha256/${createHash('sha256').update(findingId).digest('hex')}`;
}

export function generatorId(checkId: string): string {
  return truncate(QREADY_PREFIX + checkId, ASFF_LIMITS.generatorId);
}

/** The check id a qready GeneratorId names, or null for a foreign one. */
export function checkIdOfGenerator(generator: string | undefined): string | null {
  return generator?.startsWith(QREADY_PREFIX) ? generator.slice(QREADY_PREFIX.length) : null;
}

/** Well-formed ASFF types, deduplicated, in order, at most 50. */
export function capTypes(types: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of types) {
    const parts = t.split('/');
    if (parts.length > 3 || !TYPE_NAMESPACES.includes(parts[0]) || parts.some((p) => !/\S/.test(p))) {
      throw new Error(`not an ASFF finding type (namespace/category/classifier): ${t}`);
    }
    if (!out.includes(t)) out.push(t);
    if (out.length === ASFF_LIMITS.types) break;
  }
  return out;
}

/** Types for a check: the CIS type when it maps to a CIS benchmark, the best-practices type otherwise. */
export function asffTypes(compliance: Compliance): string[] {
  const cis = Object.keys(compliance).some((k) => k.startsWith('cis_'));
  return capTypes([cis ? TYPE_CIS : TYPE_BEST_PRACTICES]);
}

/** Every requirement of a compliance map as "<framework name>/<requirement>", deduplicated, in order. */
export function relatedRequirements(compliance: Compliance, frameworkNames: Readonly<Record<string, string>> = DEFAULT_FRAMEWORK_NAMES): string[] {
  const out = new Set<string>();
  for (const [key, ids] of Object.entries(compliance)) {
    const name = frameworkNames[key] ?? DEFAULT_FRAMEWORK_NAMES[key] ?? key;
    for (const id of ids) out.add(wellFormed(`${name}/${id}`));
  }
  return [...out];
}

/** ISO-8601 in the form Security Hub documents (UTC, milliseconds, Z); throws on an invalid time. */
export function asffTime(value: string | Date): string {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new Error(`not a valid timestamp: ${String(value)}`);
  return d.toISOString();
}

function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function resource(finding: Finding, partition: string): Resource {
  const r = finding.resource;
  const known = ASFF_RESOURCE_TYPES.has(r.type);
  const other: Record<string, string> = {};
  const put = (key: string, value: string | null): void => {
    if (value && /\S/.test(value)) other[key] = truncate(value, ASFF_LIMITS.otherValue);
  };
  // The ASFF reference: a type that is not one of the provided ones is sent as Other, with the details in Details.Other.
  if (!known) put('qready/ResourceType', r.type);
  put('qready/ResourceName', r.name);
  if (r.arn && r.arn !== r.id) put('qready/ResourceId', r.id);
  const out: Resource = {
    Type: known ? r.type : 'Other',
    Id: wellFormed(nonBlank(r.arn, nonBlank(r.id, finding.id))),
  };
  if (PARTITIONS.has(partition)) out.Partition = partition as Partition;
  if (finding.region.length <= ASFF_LIMITS.resourceRegion) out.Region = finding.region;
  if (Object.keys(other).length > 0) out.Details = { Other: other };
  return out;
}

/** Splits `text` into pieces of at most `size` UTF-16 units, never inside a surrogate pair. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(text.length, at + size);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    out.push(text.slice(at, end));
    at = end;
  }
  return out;
}

function byteSize(value: unknown): { json: string; bytes: number } {
  const json = JSON.stringify(value);
  return { json, bytes: Buffer.byteLength(json, 'utf8') };
}

/**
 * The ASFF record of one finding with its size. Evidence travels in ProductFields: one
 * `qready/Evidence` value when it fits in 2,048 characters, else numbered parts
 * `qready/Evidence/01…` (join them in order to get the evidence JSON back) up to the 50-field
 * limit; parts that do not fit, or that would take the record over 240 KB, are dropped and
 * `qready/EvidenceTruncated` says so.
 */
export function toAsffSized(finding: Finding, check: CheckSummary | undefined, scan: ScanInfo, options: AsffOptions = {}): SizedAsff {
  const region = finding.region;
  const compliance = check?.compliance ?? finding.compliance;
  const frameworkNames = { ...DEFAULT_FRAMEWORK_NAMES, ...options.frameworkNames };
  const types = asffTypes(compliance);
  const label = SEVERITY_LABEL[finding.severity];
  const muted = finding.muted;

  const title = truncate(nonBlank(finding.title, check?.title ?? finding.check_id), ASFF_LIMITS.title);
  const describe = check?.description && /\S/.test(check.description) ? `${finding.message}\n\n${check.description}` : finding.message;
  const description = truncate(nonBlank(describe, title), ASFF_LIMITS.description);

  const productFields: Record<string, string> = {};
  const field = (key: string, value: string): void => {
    productFields[key.slice(0, ASFF_LIMITS.productFieldKey)] = truncate(nonBlank(value, '-'), ASFF_LIMITS.productFieldValue);
  };
  field('ProviderName', 'qready');
  field('ProviderVersion', scan.tool_version);
  field('qready/CheckId', finding.check_id);
  field('qready/FindingId', finding.id);
  field('qready/ScanId', scan.id);
  field('qready/Status', finding.status);
  field('qready/Service', finding.service);
  if (muted) field('qready/MuteReason', finding.mute_reason ?? 'muted');

  const requirements = relatedRequirements(compliance, frameworkNames);
  if (requirements.length > ASFF_LIMITS.relatedRequirements) {
    field('qready/RelatedRequirementsTruncated', `${requirements.length} requirements, the first ${ASFF_LIMITS.relatedRequirements} in Compliance.RelatedRequirements ${TRUNCATION_MARKER}`);
    field('qready/RelatedRequirements', requirements.join(', '));
  }

  const out: AwsSecurityFinding = {
    SchemaVersion: ASFF_SCHEMA_VERSION,
    Id: asffId(finding.id),
    ProductArn: productArn(scan.partition, region, finding.account_id),
    ProductName: 'qready',
    CompanyName: 'qready',
    GeneratorId: generatorId(finding.check_id),
    AwsAccountId: finding.account_id,
    Types: types,
    CreatedAt: asffTime(options.createdAt ?? scan.started_at),
    UpdatedAt: asffTime(options.updatedAt ?? scan.finished_at),
    Severity: { Label: label, Original: finding.severity },
    // Providers update Severity and Types through FindingProviderFields once a finding exists.
    FindingProviderFields: { Severity: { Label: label, Original: finding.severity }, Types: types },
    Title: title,
    Description: description,
    Resources: [resource(finding, scan.partition)],
    Compliance: { Status: COMPLIANCE_STATUS[finding.status] },
    RecordState: (muted ? 'ARCHIVED' : 'ACTIVE') satisfies RecordState,
    // Security Hub applies Workflow only when the finding is created; later imports cannot change it.
    Workflow: { Status: (muted ? 'SUPPRESSED' : 'NEW') satisfies WorkflowStatus },
    ProductFields: productFields,
  };
  if (requirements.length > 0 && out.Compliance) out.Compliance.RelatedRequirements = requirements.slice(0, ASFF_LIMITS.relatedRequirements);

  const rem = finding.remediation;
  const text = rem.cli ? `${rem.text}\nCLI: ${rem.cli}` : rem.text;
  if (text && /\S/.test(text)) {
    out.Remediation = { Recommendation: { Text: truncate(text, ASFF_LIMITS.remediationText) } };
    const url = safeUrl(rem.url);
    if (url && out.Remediation.Recommendation) out.Remediation.Recommendation.Url = url;
  }

  // Evidence last, within what is left of the 50 ProductFields (one kept back for the truncation note).
  const evidence = Object.keys(finding.evidence).length > 0 ? JSON.stringify(finding.evidence) : '';
  let evidenceTruncated = false;
  let parts: string[] = [];
  if (evidence) {
    parts = pieces(evidence, ASFF_LIMITS.productFieldValue);
    const available = ASFF_LIMITS.productFields - Object.keys(productFields).length;
    // One part takes one field; several take one more for qready/EvidenceParts; a cut one more for the note.
    const fits = parts.length === 1 ? available >= 1 : parts.length + 1 <= available;
    if (!fits) {
      evidenceTruncated = true;
      parts = parts.slice(0, Math.max(0, available - 2));
    }
  }
  const total = evidence.length;
  const place = (keep: number): void => {
    for (const key of Object.keys(productFields)) if (key.startsWith('qready/Evidence')) delete productFields[key];
    if (keep === 1 && !evidenceTruncated) productFields['qready/Evidence'] = parts[0];
    else if (keep > 0) {
      productFields['qready/EvidenceParts'] = String(keep);
      for (let i = 0; i < keep; i++) productFields[`qready/Evidence/${String(i + 1).padStart(2, '0')}`] = parts[i];
    }
    if (evidenceTruncated) {
      const kept = parts.slice(0, keep).reduce((n, p) => n + p.length, 0);
      productFields['qready/EvidenceTruncated'] = `evidence JSON: ${kept} of ${total} characters kept ${TRUNCATION_MARKER}`;
    }
  };
  let keep = parts.length;
  place(keep);
  let size = byteSize(out);
  while (size.bytes > ASFF_LIMITS.findingBytes && keep > 0) {
    // Drop evidence parts, last first, until the record fits (rare: only multi-byte or escaped text gets here).
    evidenceTruncated = true;
    keep = Math.max(0, keep - Math.max(1, Math.ceil((size.bytes - ASFF_LIMITS.findingBytes) / (3 * ASFF_LIMITS.productFieldValue))));
    place(keep);
    size = byteSize(out);
  }
  return { finding: out, json: size.json, bytes: size.bytes, evidenceTruncated, oversize: size.bytes > ASFF_LIMITS.findingBytes };
}

/** The ASFF record of one finding (see toAsffSized). */
export function toAsff(finding: Finding, check: CheckSummary | undefined, scan: ScanInfo, options: AsffOptions = {}): AwsSecurityFinding {
  return toAsffSized(finding, check, scan, options).finding;
}

/** Check summaries by id, for looking up each finding's check. */
export function checksById(checks: readonly CheckSummary[]): Map<string, CheckSummary> {
  return new Map(checks.map((c) => [c.id, c]));
}
