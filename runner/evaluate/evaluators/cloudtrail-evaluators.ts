// Named evaluators of the cloudtrail checks, over the items of runner/views/cloudtrail-views.ts;
// the selector logic is in event-selector.ts. When the verdict depends on something that could not
// be read (an organization trail's selectors denied to a member account, a home region not
// scanned), an evaluator throws: the finding is then ERROR, naming what is missing, never PASS.
import type { JsonValue } from '../../findings/finding.js';
import type { CloudTrailSelectors } from '../../sources/cloudtrail-sources.js';
import type { EvaluatorDef } from './evaluator.js';
import {
  dataEventsCovered,
  trailRecordsManagementEvents,
  type ArnTarget,
  type CoverageAnswer,
  type CoverageTrail,
  type TrailAnswer,
} from './event-selector.js';

interface ReadError {
  code: string;
  message: string;
  action?: string | null;
}

/** A trail as the cloudtrail views give it (TRAIL_TYPE). */
interface TrailValue {
  name: string;
  arn: string;
  home_region: string;
  owner_account_id: string;
  owned_by_other_account: boolean;
  is_multi_region: boolean;
  is_organization_trail: boolean;
  is_logging?: boolean | null;
  event_selectors?: CloudTrailSelectors['event_selectors'] | null;
  advanced_event_selectors?: CloudTrailSelectors['advanced_event_selectors'] | null;
  status_error?: ReadError | null;
  selectors_error?: ReadError | null;
}

interface RegionValue {
  region: string;
  read: boolean;
  error?: ReadError | null;
}

/** Thrown when the verdict depends on data that could not be read; evaluation turns it into ERROR. */
export class CoverageUnknownError extends Error {
  override readonly name = 'CoverageUnknownError';
}

const DENIED = /AccessDenied|UnauthorizedOperation|UnrecognizedClient|InvalidClientTokenId|NotAuthorized/i;

/** "Missing permission cloudtrail:GetEventSelectors (AccessDenied)" or the error's own words. */
export function describeReadError(e: ReadError): string {
  if (DENIED.test(e.code)) return `missing permission${e.action ? ` ${e.action}` : ''} (${e.code})`;
  return e.message;
}

function unknownReason(t: TrailValue): string | undefined {
  const parts: string[] = [];
  if (t.status_error) parts.push(`status: ${describeReadError(t.status_error)}`);
  if (t.selectors_error && (!t.status_error || t.selectors_error.message !== t.status_error.message)) {
    parts.push(`event selectors: ${describeReadError(t.selectors_error)}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

export function coverageTrail(t: TrailValue): CoverageTrail {
  const selectors = t.event_selectors && t.advanced_event_selectors
    ? { event_selectors: t.event_selectors, advanced_event_selectors: t.advanced_event_selectors }
    : null;
  const out: CoverageTrail = {
    name: t.name, arn: t.arn, home_region: t.home_region, is_multi_region: t.is_multi_region, is_logging: t.is_logging ?? null, selectors,
  };
  const unknown = unknownReason(t);
  if (unknown !== undefined) out.unknown = unknown;
  return out;
}

// The trails of an item are one list shared by every application of the region (the view's): each
// is made into a CoverageTrail once, and the same CoverageTrail objects let event-selector.ts
// remember what their selectors capture.
const coverageTrails = new WeakMap<readonly TrailValue[], readonly CoverageTrail[]>();

function coverageTrailsOf(trails: readonly TrailValue[]): readonly CoverageTrail[] {
  if (!Array.isArray(trails)) return trails.map(coverageTrail);
  let out = coverageTrails.get(trails);
  if (!out) coverageTrails.set(trails, (out = trails.map(coverageTrail)));
  return out;
}

function label(t: TrailValue): string {
  return t.owned_by_other_account ? `${t.is_organization_trail ? 'organization trail' : 'trail'} ${t.name} (account ${t.owner_account_id})` : `trail ${t.name}`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function answersEvidence(answers: readonly TrailAnswer[]): JsonValue {
  return answers.map((a) => ({ trail: a.trail, arn: a.arn, verdict: a.verdict, reason: a.reason }));
}

function unknownList(answers: readonly TrailAnswer[]): string {
  return answers.filter((a) => a.verdict === 'unknown').map((a) => `${a.trail}: ${a.reason}`).join('; ');
}

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;

// --- cloudtrail_multi_region_enabled

export const managementEventsEvaluator: EvaluatorDef = {
  name: 'cloudtrail_management_events',
  description: 'PASS when a multi-region trail is logging and records read and write management events.',
  itemTypes: ['CloudTrailAccount'],
  paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
  evaluate(item) {
    const trails = item.value.trails as TrailValue[];
    const answers = trails.map((t) => trailRecordsManagementEvents(coverageTrail(t)));
    const evidence = { trail_verdicts: answersEvidence(answers) };
    const passing = answers.findIndex((a) => a.verdict === 'yes');
    if (passing >= 0) {
      const t = trails[passing];
      return { status: 'PASS', message: `Multi-region ${label(t)} (home ${t.home_region}) is logging and records read and write management events (${answers[passing].reason})`, evidence };
    }
    if (answers.some((a) => a.verdict === 'unknown')) {
      throw new CoverageUnknownError(`cannot tell whether a multi-region trail records management events: ${unknownList(answers)}`);
    }
    const message = trails.length === 0
      ? 'The account has no CloudTrail trail'
      : `No multi-region trail is logging read and write management events: ${answers.map((a) => `${a.trail}: ${a.reason}`).join('; ')}`;
    return { status: 'FAIL', message, evidence };
  },
};

// --- cloudtrail_qbusiness_data_events_enabled

/**
 * Where the ARNs of an application's child resources start: indices are
 * `…:application/APP/index/ID` and data sources `…:application/APP/index/ID/data-source/ID`.
 */
const CHILD_ARN_PATH: Record<string, string> = {
  'AWS::QBusiness::Index': '/index/',
  'AWS::QBusiness::DataSource': '/index/',
  'AWS::QBusiness::WebExperience': '/web-experience/',
};

export const applicationDataEventsEvaluator: EvaluatorDef = {
  name: 'cloudtrail_application_data_events',
  description:
    'PASS when a logging trail that covers the application\'s region captures every data event of `resource_type` for the '
    + 'application\'s ARN; the message says which `also_resource_types` (its child resources) are covered too.',
  itemTypes: ['CloudTrailQBusinessApplication'],
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['resource_type'],
    properties: {
      resource_type: { type: 'string', minLength: 1 },
      also_resource_types: { type: 'array', items: { enum: Object.keys(CHILD_ARN_PATH) } },
    },
  },
  evaluate(item, params) {
    const v = item.value;
    const resourceType = String(params.resource_type);
    const also = (params.also_resource_types as string[] | undefined) ?? [];
    const region = String(v.region);
    const arn = String(v.arn);
    const trails = coverageTrailsOf(v.trails as TrailValue[]);
    const complete = v.trails_read === true;
    const answer = dataEventsCovered(trails, region, resourceType, { arn }, complete);
    const name = `Amazon Q Business application ${String(v.display_name)}`;

    const children = also.map((type) => ({ type, answer: dataEventsCovered(trails, region, type, { prefix: `${arn}${CHILD_ARN_PATH[type]}` }, complete) }));
    const evidence: { [key: string]: JsonValue } = {
      trail_verdicts: answersEvidence(answer.trails),
      also_covered: children.filter((c) => c.answer.covered === true).map((c) => c.type),
      gaps: children.filter((c) => c.answer.covered !== true).map((c) => c.type),
    };
    if (answer.covered === true) {
      const by = answer.trails.find((a) => a.verdict === 'yes') as TrailAnswer;
      const byTrail = (v.trails as TrailValue[]).find((t) => t.arn === by.arn);
      const covered = children.filter((c) => c.answer.covered === true).map((c) => c.type);
      const gaps = children.filter((c) => c.answer.covered === false).map((c) => c.type);
      const unsure = children.filter((c) => c.answer.covered === null).map((c) => c.type);
      const tail = [
        covered.length ? `Also covered: ${covered.join(', ')}.` : '',
        gaps.length ? `Gap${gaps.length > 1 ? 's' : ''}, not covered: ${gaps.join(', ')}.` : '',
        unsure.length ? `Coverage unknown: ${unsure.join(', ')}.` : '',
      ].filter(Boolean).join(' ');
      return { status: 'PASS', message: `${capitalize(byTrail ? label(byTrail) : `trail ${by.trail}`)} records every ${resourceType} data event of ${name} (${by.reason}).${tail ? ` ${tail}` : ''}`, evidence };
    }
    if (answer.covered === null) throw new CoverageUnknownError(unknownMessage(answer, complete, v.trails_error as ReadError | null | undefined, region, name));
    const reasons = answer.trails.map((a) => `${a.trail}: ${a.reason}`).join('; ');
    return { status: 'FAIL', message: `No logging trail that covers ${region} records every ${resourceType} data event of ${name}${reasons ? ` (${reasons})` : ''}`, evidence };
  },
};

function unknownMessage(answer: CoverageAnswer, complete: boolean, listError: ReadError | null | undefined, region: string, what: string): string {
  const parts: string[] = [];
  if (!complete) parts.push(`the trails of ${region} could not be listed${listError ? ` (${describeReadError(listError)})` : ''}`);
  const unknown = unknownList(answer.trails);
  if (unknown) parts.push(unknown);
  return `cannot tell whether the data events of ${what} are recorded: ${parts.join('; ')}`;
}

// --- cloudtrail_qdeveloper_data_events_enabled

export const regionalDataEventsEvaluator: EvaluatorDef = {
  name: 'cloudtrail_regional_data_events',
  description:
    'PASS when, in each of `regions`, a logging trail captures every data event of `resource_type` for every ARN starting with '
    + '`arn_prefix` ({partition}, {region} and {account} filled in). FAIL names the regions that are not covered.',
  itemTypes: ['CloudTrailAccount'],
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['resource_type', 'regions', 'arn_prefix'],
    properties: {
      resource_type: { type: 'string', minLength: 1 },
      regions: { ...stringList, minItems: 1 },
      arn_prefix: { type: 'string', pattern: '^arn:' },
    },
  },
  evaluate(item, params, ctx) {
    const v = item.value;
    const resourceType = String(params.resource_type);
    const trails = (v.trails as TrailValue[]).map(coverageTrail);
    const regionStates = new Map((v.regions as RegionValue[]).map((r) => [r.region, r]));
    const perRegion = (params.regions as string[]).map((region) => {
      const state = regionStates.get(region);
      const target: ArnTarget = {
        prefix: String(params.arn_prefix).replace('{partition}', ctx.account.partition).replace('{region}', region).replace('{account}', ctx.account.account_id),
      };
      const complete = state?.read === true;
      return { region, state, complete, answer: dataEventsCovered(trails, region, resourceType, target, complete) };
    });
    const evidence: { [key: string]: JsonValue } = {
      regions: perRegion.map((r) => ({ region: r.region, covered: r.answer.covered, trail_verdicts: answersEvidence(r.answer.trails) })),
    };
    const uncovered = perRegion.filter((r) => r.answer.covered === false);
    const unknown = perRegion.filter((r) => r.answer.covered === null);
    if (uncovered.length > 0) {
      const why = (r: (typeof perRegion)[number]): string => {
        const reasons = r.answer.trails.map((a) => `${a.trail}: ${a.reason}`);
        return `${r.region} (${reasons.length ? reasons.join('; ') : 'no trail covers it'})`;
      };
      const unsure = unknown.length ? `; coverage unknown in ${unknown.map((r) => r.region).join(', ')}` : '';
      return { status: 'FAIL', message: `${resourceType} data events are not recorded in ${uncovered.map(why).join(', ')}${unsure}`, evidence };
    }
    if (unknown.length > 0) {
      const parts = unknown.map((r) => {
        const reasons: string[] = [];
        if (!r.complete) {
          const err = r.state?.error;
          reasons.push(r.state === undefined ? 'not scanned, and no multi-region trail covers it' : `its trails could not be listed${err ? ` (${describeReadError(err)})` : ''}`);
        }
        const u = unknownList(r.answer.trails);
        if (u) reasons.push(u);
        return `${r.region}: ${reasons.join('; ')}`;
      });
      throw new CoverageUnknownError(`cannot tell whether ${resourceType} data events are recorded in ${parts.join(', ')}`);
    }
    const by = perRegion.map((r) => `${r.region}: ${(r.answer.trails.find((a) => a.verdict === 'yes') as TrailAnswer).trail}`);
    return { status: 'PASS', message: `Logging trails record every ${resourceType} data event in ${by.join(', ')}`, evidence };
  },
};

export const CLOUDTRAIL_EVALUATORS: readonly EvaluatorDef[] = [managementEventsEvaluator, applicationDataEventsEvaluator, regionalDataEventsEvaluator];
