// Named evaluators of the detection checks.
//
// ai_opt_out_covers_services (organizations_ai_services_opt_out): does the account's effective AI
// services opt-out policy opt it out of every Amazon Q related service key? A key the policy does
// not name inherits `default`; a key it names overrides `default` (AWS applies the more specific
// setting), so `default: optOut` with `codewhisperer: optIn` leaves Amazon Q Developer opted in.
import type { JsonValue } from '../../findings/finding.js';
import type { EvaluatorDef, EvaluatorResult } from './evaluator.js';

const OPT_OUT = 'optOut';

interface ServiceSetting {
  service: string;
  setting: string;
}

function listOf(names: readonly string[]): string {
  return names.join(', ');
}

export const aiOptOutCoversServicesEvaluator: EvaluatorDef = {
  name: 'ai_opt_out_covers_services',
  description: 'PASS when the effective AI services opt-out policy resolves to optOut for every service key in params.services (directly or through `default`).',
  itemTypes: ['AiOptOutPolicy'],
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    required: ['services'],
    properties: { services: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z0-9]+$' } } },
  },
  evaluate(item, params): EvaluatorResult {
    const v = item.value;
    if (v.in_organization !== true) {
      return {
        status: 'FAIL',
        message: 'The account is not in an AWS Organizations organization, so no AI services opt-out policy applies: '
          + 'Amazon Q may use its content for service improvement, and opting out needs a support case per service',
      };
    }
    if (v.policy_found !== true) {
      return { status: 'FAIL', message: 'No AI services opt-out policy applies to this account: Amazon Q may use its content for service improvement' };
    }
    const wanted = params.services as string[];
    const explicit = new Map((v.services as ServiceSetting[]).map((s) => [s.service, s.setting]));
    const fallback = typeof v.default_setting === 'string' ? v.default_setting : null;
    const effective = wanted.map((service) => ({ service, setting: explicit.get(service) ?? fallback, via: explicit.has(service) ? 'service' : 'default' }));
    const evidence = { effective_settings: effective.map((e) => ({ service: e.service, setting: e.setting, from: e.via })) as JsonValue };
    const notOut = effective.filter((e) => e.setting !== OPT_OUT);
    if (notOut.length === 0) {
      const viaDefault = effective.every((e) => e.via === 'default');
      return {
        status: 'PASS',
        message: viaDefault
          ? `The effective AI services opt-out policy opts the account out of all AI services (default: optOut), Amazon Q (${listOf(wanted)}) included`
          : `The effective AI services opt-out policy opts the account out of every Amazon Q service key: ${listOf(wanted)}`,
        evidence,
      };
    }
    const described = notOut.map((e) => (e.setting === null ? `${e.service} (not set, and no default)` : `${e.service} (${e.setting}${e.via === 'default' ? ' by default' : ''})`));
    return {
      status: 'FAIL',
      message: `The effective AI services opt-out policy does not opt the account out of ${listOf(described)}: Amazon Q may use its content for service improvement`,
      evidence,
    };
  },
};

export const DETECTION_EVALUATORS: readonly EvaluatorDef[] = [aiOptOutCoversServicesEvaluator];
