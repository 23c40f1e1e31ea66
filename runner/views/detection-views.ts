// Views over the detection data sources: one item per region for "is it enabled" checks, one item
// per Access Analyzer finding (or per analyzer with none), and one account item each for the
// security contact and the AI services opt-out policy.
import type { CelTypeDecl } from '../cel/cel-types.js';
import { maskValue } from '../cel/functions.js';
import {
  EXTERNAL_ACCESS_ANALYZER_TYPES, isActiveExternalAccessAnalyzer, type AccessAnalyzerFindingsData, type AccessAnalyzersData, type AiOptOutPolicyData,
  type ExternalAccessFinding, type GuardDutyDetectorsData, type SecurityContactData, type SecurityHubData,
} from '../sources/detection-sources.js';
import { accountResource, type ViewDef, type ViewItem } from './view.js';

// --- IAM Access Analyzer: is there an active external-access analyzer in the region?

const ANALYZER_REGION_TYPE: CelTypeDecl = {
  name: 'AccessAnalyzerRegion',
  fields: {
    region: 'string',
    active_external_analyzers: 'list<string>',
    inactive_external_analyzers: 'list<string>',
    other_analyzers: 'list<string>',
  },
  doc: {
    active_external_analyzers: 'Names of the ACTIVE analyzers of type ACCOUNT or ORGANIZATION.',
    inactive_external_analyzers: 'External-access analyzers that are not ACTIVE, as "name (STATUS)".',
    other_analyzers: 'Unused-access and internal-access analyzers, as "name (TYPE)"; they do not analyse external access.',
  },
};

export const accessAnalyzerRegionView: ViewDef = {
  id: 'accessanalyzer.regions',
  description: 'One item per region: its Access Analyzer analyzers, split into active external-access ones and the rest.',
  sources: ['accessanalyzer.analyzers'],
  itemType: ANALYZER_REGION_TYPE.name,
  types: [ANALYZER_REGION_TYPE],
  build(data, ctx) {
    const { analyzers } = data['accessanalyzer.analyzers'] as AccessAnalyzersData;
    const external = analyzers.filter((a) => EXTERNAL_ACCESS_ANALYZER_TYPES.includes(a.type));
    return [{
      value: {
        region: ctx.region,
        active_external_analyzers: external.filter(isActiveExternalAccessAnalyzer).map((a) => a.name),
        inactive_external_analyzers: external.filter((a) => !isActiveExternalAccessAnalyzer(a)).map((a) => `${a.name} (${a.status})`),
        other_analyzers: analyzers.filter((a) => !EXTERNAL_ACCESS_ANALYZER_TYPES.includes(a.type)).map((a) => `${a.name} (${a.type})`),
        analyzers,
      },
      resource: accountResource(ctx),
    }];
  },
};

// --- IAM Access Analyzer: active external-access findings

const EXTERNAL_ACCESS_TYPE: CelTypeDecl = {
  name: 'AccessAnalyzerExternalAccess',
  fields: {
    is_finding: 'bool',
    region: 'string',
    analyzer_name: 'string',
    analyzer_type: 'string',
    active_findings: 'int',
    role_findings: 'int',
    finding_id: 'string?',
    resource: 'string?',
    resource_type: 'string?',
    resource_label: 'string?',
    resource_owner_account: 'string?',
    is_role: 'bool',
    is_public: 'bool',
    principals: 'list<string>',
    actions: 'list<string>',
    conditions: 'list<string>',
    analysis_error: 'string?',
  },
  doc: {
    is_finding: 'True for an ACTIVE finding; false for the one item of an analyzer that has none.',
    active_findings: 'ACTIVE findings of the analyzer.',
    role_findings: 'ACTIVE findings of the analyzer on IAM roles.',
    resource_label: '"IAM role NAME" for roles, else "TYPE RESOURCE".',
    principals: 'Who has access, as "AWS 111122223333", "Federated …" or "AWS *".',
    analysis_error: 'Set when Access Analyzer could not analyse the resource (ACCESS_DENIED, INTERNAL_ERROR, …).',
  },
};

const ROLE_TYPE = 'AWS::IAM::Role';

/** The last path segment of an ARN's resource part (arn:aws:iam::1:role/path/Name → Name). */
function arnName(resource: string): string {
  if (!resource.startsWith('arn:')) return resource;
  const rest = resource.split(':').slice(5).join(':');
  return rest.slice(rest.lastIndexOf('/') + 1) || rest;
}

function resourceLabel(f: ExternalAccessFinding): string {
  const resource = f.resource ?? f.id;
  return f.resource_type === ROLE_TYPE ? `IAM role ${arnName(resource)}` : `${f.resource_type} ${resource}`;
}

export const accessAnalyzerExternalAccessView: ViewDef = {
  id: 'accessanalyzer.external_access',
  description: 'Each ACTIVE finding of each ACTIVE external-access analyzer (role findings first), and one item per such analyzer with no finding.',
  sources: ['accessanalyzer.findings'],
  itemType: EXTERNAL_ACCESS_TYPE.name,
  types: [EXTERNAL_ACCESS_TYPE],
  build(data, ctx) {
    const { analyzers } = data['accessanalyzer.findings'] as AccessAnalyzerFindingsData;
    const items: ViewItem[] = [];
    for (const a of analyzers) {
      const base = { region: ctx.region, analyzer_name: a.analyzer_name, analyzer_type: a.analyzer_type };
      const analyzerResource = { id: a.analyzer_arn, arn: a.analyzer_arn, name: a.analyzer_name };
      const none = { finding_id: null, resource: null, resource_type: null, resource_label: null, resource_owner_account: null, is_role: false, is_public: false, principals: [], actions: [], conditions: [], analysis_error: null };
      if (a.findings === null) {
        items.push({ value: { ...base, ...none, is_finding: false, active_findings: 0, role_findings: 0 }, resource: analyzerResource, ...(a.error ? { error: a.error } : {}) });
        continue;
      }
      const active = a.findings.filter((f) => f.status === 'ACTIVE');
      // Roles first: a role that can be assumed from outside is the way in an incident starts from.
      const ordered = [...active.filter((f) => f.resource_type === ROLE_TYPE), ...active.filter((f) => f.resource_type !== ROLE_TYPE)];
      const counts = { active_findings: active.length, role_findings: active.length - ordered.filter((f) => f.resource_type !== ROLE_TYPE).length };
      if (ordered.length === 0) {
        items.push({ value: { ...base, ...none, ...counts, is_finding: false }, resource: analyzerResource });
        continue;
      }
      for (const f of ordered) {
        items.push({
          value: {
            ...base,
            ...counts,
            is_finding: true,
            finding_id: f.id,
            resource: f.resource,
            resource_type: f.resource_type,
            resource_label: resourceLabel(f),
            resource_owner_account: f.resource_owner_account,
            is_role: f.resource_type === ROLE_TYPE,
            is_public: f.is_public,
            principals: Object.entries(f.principal).map(([kind, who]) => `${kind} ${who}`),
            actions: f.action,
            conditions: Object.entries(f.condition).map(([key, value]) => `${key} = ${value}`),
            analysis_error: f.error,
            created_at: f.created_at,
            updated_at: f.updated_at,
          },
          resource: { id: f.id, arn: f.resource?.startsWith('arn:') ? f.resource : null, name: f.resource ?? f.id },
        });
      }
    }
    return items;
  },
};

// --- GuardDuty

const GUARDDUTY_REGION_TYPE: CelTypeDecl = {
  name: 'GuardDutyRegion',
  fields: { region: 'string', detector_ids: 'list<string>', enabled_detectors: 'list<string>', suspended_detectors: 'list<string>' },
  doc: { suspended_detectors: 'Detectors whose status is not ENABLED, as "id (STATUS)".' },
};

export const guardDutyRegionView: ViewDef = {
  id: 'guardduty.regions',
  description: 'One item per region: its GuardDuty detectors, enabled and suspended.',
  sources: ['guardduty.detectors'],
  itemType: GUARDDUTY_REGION_TYPE.name,
  types: [GUARDDUTY_REGION_TYPE],
  build(data, ctx) {
    const { detectors } = data['guardduty.detectors'] as GuardDutyDetectorsData;
    return [{
      value: {
        region: ctx.region,
        detector_ids: detectors.map((d) => d.id),
        enabled_detectors: detectors.filter((d) => d.status === 'ENABLED').map((d) => d.id),
        suspended_detectors: detectors.filter((d) => d.status !== 'ENABLED').map((d) => `${d.id} (${d.status})`),
        detectors,
      },
      resource: accountResource(ctx),
    }];
  },
};

// --- Security Hub

const SECURITYHUB_REGION_TYPE: CelTypeDecl = {
  name: 'SecurityHubRegion',
  fields: { region: 'string', enabled: 'bool', hub_arn: 'string?', subscribed_at: 'string?', not_enabled_reason: 'string?' },
};

export const securityHubRegionView: ViewDef = {
  id: 'securityhub.regions',
  description: 'One item per region: whether Security Hub is enabled there.',
  sources: ['securityhub.hub'],
  itemType: SECURITYHUB_REGION_TYPE.name,
  types: [SECURITYHUB_REGION_TYPE],
  build(data, ctx) {
    const hub = data['securityhub.hub'] as SecurityHubData;
    return [{ value: { region: ctx.region, ...hub }, resource: accountResource(ctx) }];
  },
};

// --- Account: SECURITY alternate contact

const SECURITY_CONTACT_TYPE: CelTypeDecl = {
  name: 'SecurityContact',
  fields: { registered: 'bool', name: 'string?', title: 'string?', email_address: 'string?', phone_number: 'string?', summary: 'string' },
  doc: { phone_number: 'Masked: only the first and last two characters are kept.', summary: 'Name, title and e-mail address, for messages.' },
};

export const securityContactView: ViewDef = {
  id: 'account.security_contact',
  description: 'The account\'s SECURITY alternate contact as one item; `registered` is false when there is none.',
  sources: ['account.security_contact'],
  itemType: SECURITY_CONTACT_TYPE.name,
  types: [SECURITY_CONTACT_TYPE],
  build(data, ctx) {
    const c = (data['account.security_contact'] as SecurityContactData).contact;
    // The phone number is masked: findings travel to reports, CI logs and Security Hub.
    const phone = c?.phone_number ? maskValue(c.phone_number) : null;
    const summary = c ? [c.name && c.title ? `${c.name} (${c.title})` : c.name ?? c.title, c.email_address].filter((s) => s).join(', ') || 'registered' : 'none';
    return [{
      value: { registered: c !== null, name: c?.name ?? null, title: c?.title ?? null, email_address: c?.email_address ?? null, phone_number: phone, summary },
      resource: accountResource(ctx),
    }];
  },
};

// --- Organizations: effective AI services opt-out policy

const AI_OPT_OUT_SERVICE_TYPE: CelTypeDecl = {
  name: 'AiOptOutServiceSetting',
  fields: { service: 'string', setting: 'string' },
};

const AI_OPT_OUT_TYPE: CelTypeDecl = {
  name: 'AiOptOutPolicy',
  fields: {
    in_organization: 'bool',
    policy_found: 'bool',
    default_setting: 'string?',
    services: 'list<AiOptOutServiceSetting>',
    reason: 'string?',
  },
  doc: {
    default_setting: 'What the policy assigns to `default` (all AI services): optIn or optOut; absent when it says nothing.',
    services: 'Every service key the policy names besides `default`, with the value it assigns.',
    reason: 'Why there is no policy (the Organizations error), when there is none.',
  },
};

/** `"optOut"` in an effective policy, or `{"@@assign": "optOut"}` in a policy as written. */
function assigned(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const assign = (value as Record<string, unknown>)['@@assign'];
    if (typeof assign === 'string') return assign;
  }
  return null;
}

/** The opt-out setting per service key of a policy document (`default` included); operators are skipped. */
export function optOutSettings(content: unknown): Map<string, string> {
  const settings = new Map<string, string>();
  if (content === null || typeof content !== 'object' || Array.isArray(content)) return settings;
  const services = (content as Record<string, unknown>).services;
  if (services === null || typeof services !== 'object' || Array.isArray(services)) return settings;
  for (const [key, entry] of Object.entries(services as Record<string, unknown>)) {
    if (key.startsWith('@@') || entry === null || typeof entry !== 'object' || Array.isArray(entry)) continue;
    const setting = assigned((entry as Record<string, unknown>).opt_out_policy);
    if (setting !== null) settings.set(key, setting);
  }
  return settings;
}

export const aiOptOutPolicyView: ViewDef = {
  id: 'organizations.ai_opt_out',
  description: 'The account\'s effective AI services opt-out policy as one item, its settings per service key.',
  sources: ['organizations.ai_opt_out_policy'],
  itemType: AI_OPT_OUT_TYPE.name,
  types: [AI_OPT_OUT_SERVICE_TYPE, AI_OPT_OUT_TYPE],
  build(data, ctx) {
    const d = data['organizations.ai_opt_out_policy'] as AiOptOutPolicyData;
    const settings = optOutSettings(d.policy?.content ?? null);
    return [{
      value: {
        in_organization: d.in_organization,
        policy_found: d.policy !== null,
        default_setting: settings.get('default') ?? null,
        services: [...settings].filter(([k]) => k !== 'default').map(([service, setting]) => ({ service, setting })),
        reason: d.reason,
        policy_content: (d.policy?.content ?? null) as unknown,
        policy_target: d.policy?.target_id ?? null,
        policy_last_updated: d.policy?.last_updated ?? null,
      },
      resource: accountResource(ctx),
    }];
  },
};

export const DETECTION_VIEWS: readonly ViewDef[] = [
  accessAnalyzerRegionView,
  accessAnalyzerExternalAccessView,
  guardDutyRegionView,
  securityHubRegionView,
  securityContactView,
  aiOptOutPolicyView,
];
