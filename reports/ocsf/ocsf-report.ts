// OCSF 1.5.0 Detection Finding (class 2004) as a JSON array (`--output-formats json-ocsf`), mapped
// field for field like the OCSF output of the scanner our users already run (Prowler), so that
// pipelines built on that output and Amazon Security Lake ingest ours unchanged. What we emit is
// described by check-metadata/ocsf.schema.json. Streamed: one finding is mapped and serialised at a
// time and written in chunks of about 32 K characters, so memory does not grow with the number of
// findings. (Chunks stay well below V8's large-object size, 128 KiB: larger strings go to
// large-object space, which only a full GC frees, and RSS would then grow with the report.)
//
// Mapping (REFERENCE.md "Finding formats"):
// - class_uid 2004 Detection Finding, category_uid 2 Findings, activity_id 1 Create,
//   type_uid 200401 (class_uid * 100 + activity_id), with their captions (*_name).
// - metadata: version "1.5.0", event_code = check id, product {uid, name, vendor_name: "qready",
//   version = tool version}, profiles ["cloud", "datetime"] (cloud: the `cloud` object and
//   resources[].cloud_partition; datetime: the *_dt siblings of every timestamp we write).
// - severity_id 1 Informational … 5 Critical, severity = its caption.
// - status_id 1 New, or 3 Suppressed when the mutelist muted the finding; status = its caption.
// - status_code = PASS | FAIL | MANUAL | ERROR, status_detail and message = the finding's message.
//   ERROR is kept as its own code rather than folded into FAIL or MANUAL: OCSF's status_code is a
//   free-form string "as reported by the event source"; FAIL would claim a misconfiguration we
//   could not observe, MANUAL would tell an analyst to review a resource when what is missing is
//   the scanner's permission (DESIGN.md: never PASS, and never hide, on missing data). Consumers
//   that only act on FAIL ignore it, exactly as they ignore MANUAL.
// - time/time_dt and finding_info.created_time/created_time_dt = the scan's finished_at, when
//   evaluation produced the findings. timestamp_t is milliseconds since the epoch as the OCSF
//   specification defines it (Prowler writes seconds there; *_dt carries the same instant).
// - finding_info: uid = the stable finding id, title, desc = the check's description, types (ASFF
//   taxonomy strings, as Prowler puts its CheckType there).
// - resources[0]: uid = ARN, or the resource id when there is none; name (when known); type;
//   region; cloud_partition; group.name = service; data = { resource_id, evidence }.
// - cloud: provider "aws", region, account {uid, type_id 10, type "AWS Account"}.
// - remediation: desc = remediation text, references = [remediation url] (or []).
// - risk_details = the check's risk.
// - unmapped: compliance, muted, mute_reason, and the check metadata OCSF has no field for
//   (ir_phase, caf, remediation_cli), plus the scan id.
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import type { Finding, Severity, Status } from '../../runner/findings/finding.js';
import type { CheckSummary, ReportInput } from '../report-input.js';

export const OCSF_VERSION = '1.5.0';
export const OCSF_CLASS_UID = 2004;
export const OCSF_CATEGORY_UID = 2;
export const OCSF_ACTIVITY_CREATE = 1;
export const OCSF_TYPE_UID = OCSF_CLASS_UID * 100 + OCSF_ACTIVITY_CREATE;
export const OCSF_AWS_ACCOUNT_TYPE_ID = 10;

export const OCSF_SEVERITY: Record<Severity, { id: 1 | 2 | 3 | 4 | 5; name: string }> = {
  informational: { id: 1, name: 'Informational' },
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

export const OCSF_STATUS_NEW = { id: 1, name: 'New' } as const;
export const OCSF_STATUS_SUPPRESSED = { id: 3, name: 'Suppressed' } as const;

/** Finding types in the ASFF taxonomy (what Security Hub and Prowler put in finding_info.types). */
const TYPE_BEST_PRACTICES = 'Software and Configuration Checks/AWS Security Best Practices';
const FRAMEWORK_TYPES: [prefix: string, type: string][] = [
  ['cis_aws', 'Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'],
  ['aws_fsbp', 'Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices'],
];

const CHUNK_CHARS = 32 * 1024;

/** One OCSF Detection Finding, as written (the shape check-metadata/ocsf.schema.json describes). */
export interface OcsfDetectionFinding {
  message: string;
  metadata: {
    event_code: string;
    product: { uid: string; name: string; vendor_name: string; version: string };
    profiles: string[];
    version: string;
  };
  severity_id: number;
  severity: string;
  status_id: number;
  status: string;
  status_code: Status;
  status_detail: string;
  activity_id: number;
  activity_name: string;
  category_uid: number;
  category_name: string;
  class_uid: number;
  class_name: string;
  type_uid: number;
  type_name: string;
  time: number;
  time_dt: string;
  finding_info: { uid: string; title: string; desc: string; created_time: number; created_time_dt: string; types: string[] };
  resources: {
    uid: string;
    name?: string;
    type: string;
    region: string;
    cloud_partition: string;
    group: { name: string };
    data: { resource_id: string; evidence: Finding['evidence'] };
  }[];
  cloud: { provider: 'aws'; region: string; account: { uid: string; type_id: number; type: string } };
  remediation: { desc: string; references: string[] };
  risk_details?: string;
  unmapped: {
    compliance: Finding['compliance'];
    muted: boolean;
    mute_reason: string | null;
    ir_phase?: string;
    caf?: string[];
    remediation_cli?: string;
    scan_id: string;
  };
}

/** What every finding of a scan shares, computed once per report rather than once per finding. */
interface ScanContext {
  time: number;
  timeDt: string;
  partition: string;
  version: string;
  scanId: string;
  checks: Map<string, CheckSummary>;
  types: Map<string, string[]>;
}

function scanTime(input: ReportInput): number {
  const { finished_at, started_at } = input.result.scan;
  const t = Date.parse(finished_at);
  if (Number.isFinite(t)) return t;
  const s = Date.parse(started_at);
  if (Number.isFinite(s)) return s;
  throw new Error(`OCSF report: the scan has no valid time (finished_at ${JSON.stringify(finished_at)}, started_at ${JSON.stringify(started_at)})`);
}

function context(input: ReportInput): ScanContext {
  const time = scanTime(input);
  return {
    time,
    timeDt: new Date(time).toISOString(),
    partition: input.result.scan.partition,
    version: input.result.scan.tool_version,
    scanId: input.result.scan.id,
    checks: new Map(input.checks.map((c) => [c.id, c])),
    types: new Map(),
  };
}

/** finding_info.types from the frameworks a finding maps to; one array per check, shared. */
function findingTypes(ctx: ScanContext, f: Finding): string[] {
  let types = ctx.types.get(f.check_id);
  if (!types) {
    types = [TYPE_BEST_PRACTICES];
    const keys = Object.keys(f.compliance);
    for (const [prefix, type] of FRAMEWORK_TYPES) if (keys.some((k) => k.startsWith(prefix))) types.push(type);
    ctx.types.set(f.check_id, types);
  }
  return types;
}

/** Maps one finding; the result holds references to the finding's own values, nothing is copied. */
function toOcsf(f: Finding, ctx: ScanContext): OcsfDetectionFinding {
  const check = ctx.checks.get(f.check_id);
  const severity = OCSF_SEVERITY[f.severity];
  const status = f.muted ? OCSF_STATUS_SUPPRESSED : OCSF_STATUS_NEW;
  const resource: OcsfDetectionFinding['resources'][number] = {
    uid: f.resource.arn ?? f.resource.id,
    type: f.resource.type,
    region: f.region,
    cloud_partition: ctx.partition,
    group: { name: f.service },
    data: { resource_id: f.resource.id, evidence: f.evidence },
  };
  if (f.resource.name !== null) resource.name = f.resource.name;
  const unmapped: OcsfDetectionFinding['unmapped'] = { compliance: f.compliance, muted: f.muted, mute_reason: f.mute_reason, scan_id: ctx.scanId };
  if (check) {
    unmapped.ir_phase = check.ir_phase;
    unmapped.caf = check.caf;
  }
  if (f.remediation.cli !== undefined) unmapped.remediation_cli = f.remediation.cli;
  const out: OcsfDetectionFinding = {
    message: f.message,
    metadata: {
      event_code: f.check_id,
      product: { uid: 'qready', name: 'qready', vendor_name: 'qready', version: ctx.version },
      profiles: ['cloud', 'datetime'],
      version: OCSF_VERSION,
    },
    severity_id: severity.id,
    severity: severity.name,
    status_id: status.id,
    status: status.name,
    status_code: f.status,
    status_detail: f.message,
    activity_id: OCSF_ACTIVITY_CREATE,
    activity_name: 'Create',
    category_uid: OCSF_CATEGORY_UID,
    category_name: 'Findings',
    class_uid: OCSF_CLASS_UID,
    class_name: 'Detection Finding',
    type_uid: OCSF_TYPE_UID,
    type_name: 'Detection Finding: Create',
    time: ctx.time,
    time_dt: ctx.timeDt,
    finding_info: {
      uid: f.id,
      title: f.title,
      desc: check?.description ?? f.title,
      created_time: ctx.time,
      created_time_dt: ctx.timeDt,
      types: findingTypes(ctx, f),
    },
    resources: [resource],
    cloud: {
      provider: 'aws',
      region: f.region,
      account: { uid: f.account_id, type_id: OCSF_AWS_ACCOUNT_TYPE_ID, type: 'AWS Account' },
    },
    remediation: { desc: f.remediation.text, references: f.remediation.url ? [f.remediation.url] : [] },
    unmapped,
  };
  if (check?.risk) out.risk_details = check.risk;
  return out;
}

/** The JSON array, one finding per line, in chunks of about CHUNK_CHARS characters. */
function* chunks(input: ReportInput): Generator<string> {
  const ctx = context(input);
  let buf = '[';
  let first = true;
  for (const f of input.result.findings) {
    buf += (first ? '\n' : ',\n') + JSON.stringify(toOcsf(f, ctx));
    first = false;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}\n]\n`;
}

export async function writeOcsfReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(input));
}
