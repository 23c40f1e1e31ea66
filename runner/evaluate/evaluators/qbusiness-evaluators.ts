// Named evaluators of the qbusiness checks.
import type { JsonValue } from '../../findings/finding.js';
import { maySensitive, scanSensitive, type SensitiveMatch } from '../../views/qbusiness-sensitive.js';
import type { EvaluatorDef } from './evaluator.js';

interface TextField {
  field: string;
  value: string;
}

const passMessage = (label: string): string => `${label} has no e-mail address, phone number or access key id in its names, descriptions or tags`;

/**
 * qbusiness_no_sensitive_data_in_names_tags: an e-mail address, a phone number in international
 * format or an AWS access key id in any free-text field of a Q Business resource. The message
 * names each field and shows the match masked; the evidence carries the fields masked too, so
 * that no report repeats the value in full.
 */
export const sensitiveTextEvaluator: EvaluatorDef = {
  name: 'qbusiness_sensitive_text',
  description: 'FAIL when a name, description, web-experience text, tag key or tag value holds an e-mail address, an international phone number or an AWS access key id (masked in the message).',
  itemTypes: ['QBusinessNamedResource'],
  paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
  evaluate(item) {
    const kind = String(item.value.kind);
    const name = String(item.value.display_name);
    const fields = item.value.fields as TextField[];
    const label = `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${name}`;
    // Nearly every resource has no text that could match: its PASS needs no evidence of its own,
    // since the fields masked are the fields as they are, and the item is the evidence then.
    let may = false;
    for (const f of fields) {
      if (maySensitive(f.value)) {
        may = true;
        break;
      }
    }
    if (!may) return { status: 'PASS', message: passMessage(label) };
    const hits: (SensitiveMatch & { field: string })[] = [];
    const masked: JsonValue[] = [];
    for (const f of fields) {
      const { matches, redacted } = scanSensitive(f.value);
      for (const m of matches) hits.push({ field: f.field, ...m });
      masked.push({ field: f.field, value: redacted });
    }
    const evidence: { [key: string]: JsonValue } = { fields: masked };
    if (hits.length === 0) return { status: 'PASS', message: passMessage(label), evidence };
    evidence.matches = hits.map((h) => ({ field: h.field, kind: h.kind, masked: h.masked }));
    const what = hits.map((h) => `${h.field} contains ${h.kind === 'e-mail address' || h.kind === 'AWS access key id' ? 'an' : 'a'} ${h.kind} (${h.masked})`);
    return { status: 'FAIL', message: `${label}: ${what.join('; ')}`, evidence };
  },
};

export const QBUSINESS_EVALUATORS: readonly EvaluatorDef[] = [sensitiveTextEvaluator];
