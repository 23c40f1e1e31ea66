// qbusiness_no_sensitive_data_in_names_tags: a resource with nothing to mask has the item as its
// evidence (its fields as they are), which is what the masked copy of its fields would read as.
import assert from 'node:assert/strict';
import { runCheck } from '../../helpers/check-tester.js';
import { APP_A, APP_B, application, index, qbusinessSources } from './fixtures.js';

describe('qbusiness_no_sensitive_data_in_names_tags evidence', () => {
  it('PASS: the fields, unmasked; FAIL: the fields masked, and the matches', () => {
    const findings = runCheck('qbusiness_no_sensitive_data_in_names_tags', qbusinessSources([
      { app: application(APP_A, { display_name: 'alpha', description: 'Ask the +team' }), indices: [index(APP_A, 'i1', { display_name: 'docs', tags: [{ key: 'team', value: 'search' }] })] },
      { app: application(APP_B, { display_name: 'beta', description: 'Owner: ops@example.com' }) },
    ]));
    const app = (name: string) => findings.find((f) => f.resource.name === name)!;
    assert.equal(app('alpha').status, 'PASS');
    assert.deepEqual(app('alpha').evidence.fields, [{ field: 'display name', value: 'alpha' }, { field: 'description', value: 'Ask the +team' }]);
    assert.equal(app('alpha').evidence.matches, undefined);
    const docs = findings.find((f) => f.evidence.kind === 'index')!;
    assert.equal(docs.status, 'PASS');
    assert.deepEqual(docs.evidence.fields, [{ field: 'display name', value: 'docs' }, { field: 'tag key', value: 'team' }, { field: 'value of tag team', value: 'search' }]);
    assert.deepEqual(Object.keys(docs.evidence), ['kind', 'application_id', 'resource_id', 'arn', 'display_name', 'fields']);
    assert.equal(app('beta').status, 'FAIL');
    assert.deepEqual(app('beta').evidence.fields, [{ field: 'display name', value: 'beta' }, { field: 'description', value: 'Owner: op********om' }]);
    assert.deepEqual(app('beta').evidence.matches, [{ field: 'description', kind: 'e-mail address', masked: 'op********om' }]);
  });
});
