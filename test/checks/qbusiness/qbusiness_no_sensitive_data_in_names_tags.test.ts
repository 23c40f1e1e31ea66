import assert from 'node:assert/strict';
import { findSensitive, redactSensitive } from '../../../runner/views/qbusiness-sensitive.js';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import {
  APP_A, APP_B, application, dataAccessor, dataSource, denied, index, plugin, qbusinessSources, retriever, webExperience,
} from './fixtures.js';

const EMAIL = 'maria.schmidt@example.com';
const PHONE = '+49 30 1234 5678';
const KEY = 'AKIAIOSFODNN7EXAMPLE';
const TEMP_KEY = 'ASIAY34FZKBOKMUTVV7A';

/** Every kind of resource once, each with one sensitive value in a different field. */
const everyKind = qbusinessSources([{
  app: application(APP_A, { display_name: 'alpha', description: `Owner: ${EMAIL}` }),
  indices: [index(APP_A, 'i1', { display_name: 'docs', tags: [{ key: 'support-line', value: PHONE }] })],
  dataSources: { i1: [dataSource(APP_A, 'i1', 'ds1', { display_name: 'bucket', description: `uses key ${KEY}` })] },
  retrievers: [retriever(APP_A, 'r1', { display_name: 'retriever', tags: [{ key: EMAIL, value: 'owner' }] })],
  plugins: [plugin(APP_A, 'p1', { display_name: 'custom', type: 'CUSTOM', custom_description: `Call ${PHONE} when it breaks` })],
  webExperiences: [webExperience(APP_A, 'w1', { title: 'Help', subtitle: 'Ask us', welcome_message: `Questions? ${EMAIL}` })],
  dataAccessors: [dataAccessor(APP_A, 'da1', 'arn:aws:iam::123456789012:role/X', { display_name: `search-${TEMP_KEY}` })],
}]);

checkCases('qbusiness_no_sensitive_data_in_names_tags', [
  {
    name: 'every kind of resource and field is scanned; the message names the field and masks the value',
    sources: everyKind,
    expect: [
      { status: 'FAIL', resource: 'alpha', message: ['Application alpha', 'description contains an e-mail address (ma********om)'] },
      { status: 'FAIL', resource: 'docs', message: ['Index docs', 'value of tag support-line contains a phone number (+4********78)'] },
      { status: 'FAIL', resource: 'bucket', message: ['Data source bucket', 'description contains an AWS access key id (AK********LE)'] },
      { status: 'FAIL', resource: 'retriever', message: ['Retriever retriever', 'tag key contains an e-mail address'] },
      { status: 'FAIL', resource: 'custom', message: ['Plugin custom', 'custom plugin description contains a phone number'] },
      { status: 'FAIL', resource: 'Help', message: ['Web experience Help', 'welcome message contains an e-mail address'] },
      { status: 'FAIL', resource: 'search-AS********7A', message: ['Data accessor search-AS********7A', 'display name contains an AWS access key id (AS********7A)'] },
    ],
  },
  {
    name: 'clean names, descriptions and tags PASS; near misses do not match',
    sources: qbusinessSources([{
      app: application(APP_A, {
        display_name: 'hr-assistant',
        description: 'Mention @team-hr, version 2.0.1, ticket +123, AKIA1234 and akiaiosfodnn7example; see https://wiki.example.com/a@b',
        tags: [{ key: 'cost-center', value: '4711-0815-42' }, { key: 'id', value: 'XAKIAIOSFODNN7EXAMPLEX' }],
      }),
    }]),
    expect: [{ status: 'PASS', resource: 'hr-assistant', message: 'No e-mail address, phone number or access key id in the names, descriptions or tags of application hr-assistant' }],
  },
  {
    name: 'several findings on one resource are all named',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'alpha', description: `${EMAIL} or ${PHONE}`, tags: [{ key: 'k', value: KEY }] }) }]),
    expect: [{ status: 'FAIL', resource: 'alpha', message: ['description contains an e-mail address', 'description contains a phone number', 'value of tag k contains an AWS access key id'] }],
  },
  {
    name: 'ListTagsForResource denied for one plugin: ERROR for that plugin only',
    sources: qbusinessSources([{
      app: application(APP_A, { display_name: 'alpha' }),
      plugins: [plugin(APP_A, 'p1', { display_name: 'tagged' }), plugin(APP_A, 'p2', { display_name: 'untagged', tags: null, tags_error: denied('qbusiness:ListTagsForResource') })],
    }]),
    expect: [
      { status: 'PASS', resource: 'alpha' }, { status: 'PASS', resource: 'tagged' },
      { status: 'ERROR', resource: 'untagged', message: 'Missing permission qbusiness:ListTagsForResource' },
    ],
  },
  {
    name: 'GetApplication denied (description unknown): ERROR for the application; ListIndices denied for B: ERROR for its indices',
    sources: qbusinessSources([
      { app: application(APP_A, { display_name: 'alpha', error: denied('qbusiness:GetApplication') }) },
      { app: application(APP_B, { display_name: 'beta' }), indices: denied('qbusiness:ListIndices') },
    ]),
    expect: [
      { status: 'ERROR', resource: 'alpha', message: 'qbusiness:GetApplication' },
      { status: 'PASS', resource: 'beta' },
      { status: 'ERROR', resource: 'indices of beta', message: 'qbusiness:ListIndices' },
    ],
  },
  {
    name: 'ListDataSources denied for one index: ERROR for that index\'s data sources; the index itself is scanned',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'alpha' }), indices: [index(APP_A, 'i1', { display_name: 'docs' })], dataSources: { i1: denied('qbusiness:ListDataSources') } }]),
    expect: [{ status: 'PASS', resource: 'alpha' }, { status: 'PASS', resource: 'docs' }, { status: 'ERROR', resource: 'data sources of docs', message: 'qbusiness:ListDataSources' }],
  },
  { name: 'no resource in the region: one account-level PASS', sources: qbusinessSources([]), expect: [{ status: 'PASS', message: 'No Amazon Q Business resource in this region' }] },
  {
    name: 'a source failed: ERROR',
    sources: { ...qbusinessSources([{ app: application(APP_A) }]), 'qbusiness.retrievers': failed('AccessDeniedException', 'qbusiness:ListRetrievers') },
    expect: [{ status: 'ERROR', message: 'qbusiness:ListRetrievers' }],
  },
]);

describe('qbusiness_no_sensitive_data_in_names_tags never repeats a value in full', () => {
  it('neither in messages, nor in resource names, nor anywhere in the evidence', () => {
    const findings = runCheck('qbusiness_no_sensitive_data_in_names_tags', everyKind);
    assert.equal(findings.filter((f) => f.status === 'FAIL').length, 7);
    const text = JSON.stringify(findings);
    for (const value of [EMAIL, PHONE, KEY, TEMP_KEY, '1234 5678', 'maria.schmidt']) assert.ok(!text.includes(value), `${value} appears in a finding`);
  });

  it('other checks mask sensitive display names too', () => {
    const findings = runCheck('qbusiness_application_cmk_encryption', qbusinessSources([{ app: application(APP_A, { display_name: `bot of ${EMAIL}` }) }]));
    assert.equal(findings[0].resource.name, 'bot of ma********om');
    assert.ok(!JSON.stringify(findings).includes(EMAIL));
  });
});

describe('findSensitive and redactSensitive', () => {
  it('find e-mail addresses, international phone numbers and AKIA/ASIA key ids, masked', () => {
    assert.deepEqual(findSensitive(`mail ${EMAIL}, call ${PHONE} or +1 (555) 010-9999, key ${KEY}`).map((m) => [m.kind, m.masked]), [
      ['e-mail address', 'ma********om'], ['phone number', '+4********78'], ['phone number', '+1********99'], ['AWS access key id', 'AK********LE'],
    ]);
  });

  it('ignore numbers without a country code, too short or too long, and key ids that are part of a longer word', () => {
    assert.deepEqual(findSensitive('030 1234567, +49 12, +1234567890123456789, AKIAIOSFODNN7EXAMPL, AKIAIOSFODNN7EXAMPLE1, version 1.2.3'), []);
  });

  it('redact keeps the text around each match', () => {
    assert.equal(redactSensitive(`contact ${EMAIL} today`), 'contact ma********om today');
    assert.equal(redactSensitive('nothing here'), 'nothing here');
  });
});
