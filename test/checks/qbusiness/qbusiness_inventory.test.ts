import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import {
  APP_A, APP_B, application, chatControls, dataAccessor, dataSource, denied, index, plugin, qbusinessSources, retriever, topic, webExperience,
} from './fixtures.js';

const full = qbusinessSources([{
  app: application(APP_A, { display_name: 'alpha', kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/k' }),
  indices: [index(APP_A, 'i1', { display_name: 'docs' }), index(APP_A, 'i2', { display_name: 'wiki' })],
  dataSources: { i1: [dataSource(APP_A, 'i1', 'ds1', { type: 'S3', sync_schedule: 'cron(0 2 * * ? *)' }), dataSource(APP_A, 'i1', 'ds2', { type: 'CONFLUENCE' })], i2: [] },
  retrievers: [retriever(APP_A, 'r1', { index_id: 'i1' })],
  plugins: [plugin(APP_A, 'p1', { type: 'JIRA', auth_configuration: 'oAuth2ClientCredentialConfiguration' }), plugin(APP_A, 'p2', { type: 'CUSTOM', auth_configuration: 'noAuthConfiguration' })],
  webExperiences: [webExperience(APP_A, 'w1', { origins: ['https://intranet.example.com'] })],
  chatControls: chatControls({ blocked_phrases: ['x'], topics: [topic('legal')] }),
  dataAccessors: [dataAccessor(APP_A, 'da1', 'arn:aws:iam::999999999999:role/Isv'), dataAccessor(APP_A, 'da2', 'arn:aws:iam::123456789012:role/Own')],
  policy: { Version: '2012-10-17', Statement: [] },
}]);

checkCases('qbusiness_inventory', [
  {
    name: 'MANUAL per application, summarising its tree',
    sources: full,
    expect: [{
      status: 'MANUAL', resource: 'alpha',
      message: ['AWS_IAM_IDC', 'arn:aws:kms:us-east-1:123456789012:key/k', '2 index(es) with 2 data source(s)', '1 retriever(s)', '2 plugin(s)', '1 web experience(s)', '2 data accessor(s) (1 from other accounts)'],
    }],
  },
  {
    name: 'an application with nothing below it is MANUAL too, with the AWS owned key named',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'bare' }) }]),
    expect: [{ status: 'MANUAL', resource: 'bare', message: ['AWS owned key', '0 index(es)'] }],
  },
  {
    name: 'an incomplete inventory is ERROR for that application only (ListPlugins denied for B; GetPolicy denied for C)',
    sources: qbusinessSources([
      { app: application(APP_A, { display_name: 'alpha' }) },
      { app: application(APP_B, { display_name: 'beta' }), plugins: denied('qbusiness:ListPlugins') },
      { app: application('cccccccc-1111-2222-3333-000000000003', { display_name: 'gamma' }), policy: denied('qbusiness:GetPolicy') },
    ]),
    expect: [
      { status: 'MANUAL', resource: 'alpha' },
      { status: 'ERROR', resource: 'beta', message: 'qbusiness:ListPlugins' },
      { status: 'ERROR', resource: 'gamma', message: 'qbusiness:GetPolicy' },
    ],
  },
  { name: 'no application in the region: one account-level MANUAL', sources: qbusinessSources([]), expect: [{ status: 'MANUAL', message: 'No Amazon Q Business application in this region' }] },
  {
    name: 'a source failed: ERROR',
    sources: { ...qbusinessSources([{ app: application(APP_A) }]), 'qbusiness.resource_policies': failed('AccessDeniedException', 'qbusiness:GetPolicy') },
    expect: [{ status: 'ERROR', message: 'qbusiness:GetPolicy' }],
  },
]);

describe('qbusiness_inventory evidence', () => {
  it('is the application tree: data sources under their index, auth kinds, origins, accessor accounts, chat controls, policy', () => {
    const [finding] = runCheck('qbusiness_inventory', full);
    const e = finding.evidence as Record<string, unknown>;
    const indices = e.indices as { index_id: string; data_sources: { type: string; sync_schedule: string | null }[] }[];
    assert.deepEqual(indices.map((i) => [i.index_id, i.data_sources.map((d) => d.type)]), [['i1', ['S3', 'CONFLUENCE']], ['i2', []]]);
    assert.equal(indices[0].data_sources[0].sync_schedule, 'cron(0 2 * * ? *)');
    assert.deepEqual((e.plugins as { auth_configuration: string }[]).map((p) => p.auth_configuration), ['oAuth2ClientCredentialConfiguration', 'noAuthConfiguration']);
    assert.deepEqual((e.web_experiences as { origins: string[] }[])[0].origins, ['https://intranet.example.com']);
    assert.deepEqual((e.data_accessors as { principal_account: string; external: boolean }[]).map((a) => [a.principal_account, a.external]), [['999999999999', true], ['123456789012', false]]);
    assert.deepEqual(e.chat_controls, { response_scope: 'ENTERPRISE_CONTENT_ONLY', blocked_phrase_count: 1, topics: ['legal'], creator_mode: null, hallucination_reduction: null });
    assert.deepEqual(e.resource_policy, { Version: '2012-10-17', Statement: [] });
  });
});
