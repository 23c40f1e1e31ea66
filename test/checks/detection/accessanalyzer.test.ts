// accessanalyzer_enabled and accessanalyzer_no_active_external_access, region by region.
import { analyzer, analyzerFindings, analyzers, bucketFinding, everywhere, failed, findingsData, regionalCheckCases, roleFinding } from './detection-fixtures.js';

const ext = analyzer('external-access');
const org = analyzer('org-external', 'ORGANIZATION');
const unusedAccount = analyzer('unused-access', 'ACCOUNT_UNUSED_ACCESS');
const unusedOrg = analyzer('org-unused-access', 'ORGANIZATION_UNUSED_ACCESS');
const internal = analyzer('internal-access', 'ACCOUNT_INTERNAL_ACCESS');
const denied = failed('AccessDeniedException', 'access-analyzer:ListAnalyzers');
const notEnabled = failed('UnrecognizedClientException', 'access-analyzer:ListAnalyzers', 'The security token included in the request is invalid.');

regionalCheckCases('accessanalyzer_enabled', [
  {
    name: 'PASS in every region with an ACTIVE ACCOUNT analyzer',
    sources: { 'accessanalyzer.analyzers': everywhere(analyzers(ext)) },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: '123456789012', message: 'external-access' },
      { status: 'PASS', region: 'eu-west-1', message: 'analyses external access in eu-west-1' },
    ],
  },
  {
    name: 'PASS with an ORGANIZATION analyzer (zone of trust the organization)',
    sources: { 'accessanalyzer.analyzers': { 'us-east-1': analyzers(org), 'eu-west-1': analyzers(org, unusedOrg) } },
    expect: [{ status: 'PASS', region: 'us-east-1', message: 'org-external' }, { status: 'PASS', region: 'eu-west-1', message: 'org-external' }],
  },
  {
    name: 'FAIL in a region without any analyzer, PASS in the other',
    sources: { 'accessanalyzer.analyzers': { 'us-east-1': analyzers(ext), 'eu-west-1': analyzers() } },
    expect: [
      { status: 'PASS', region: 'us-east-1' },
      { status: 'FAIL', region: 'eu-west-1', message: /^No active external-access analyzer \(type ACCOUNT or ORGANIZATION\) in eu-west-1$/ },
    ],
  },
  {
    name: 'FAIL with unused-access analyzers only: they do not count',
    sources: { 'accessanalyzer.analyzers': everywhere(analyzers(unusedAccount, unusedOrg)) },
    expect: [
      { status: 'FAIL', region: 'us-east-1', message: 'do not count: unused-access (ACCOUNT_UNUSED_ACCESS), org-unused-access (ORGANIZATION_UNUSED_ACCESS)' },
      { status: 'FAIL', region: 'eu-west-1' },
    ],
  },
  {
    name: 'FAIL with an internal-access analyzer only',
    sources: { 'accessanalyzer.analyzers': everywhere(analyzers(internal), ['us-east-1']) },
    regions: ['us-east-1'],
    expect: [{ status: 'FAIL', message: 'do not count: internal-access (ACCOUNT_INTERNAL_ACCESS)' }],
  },
  {
    name: 'FAIL when the external-access analyzer is not ACTIVE (DISABLED, CREATING, FAILED)',
    sources: {
      'accessanalyzer.analyzers': {
        'us-east-1': analyzers(analyzer('old', 'ACCOUNT', 'DISABLED'), analyzer('broken', 'ORGANIZATION', 'FAILED')),
        'eu-west-1': analyzers(analyzer('new', 'ACCOUNT', 'CREATING')),
      },
    },
    expect: [
      { status: 'FAIL', region: 'us-east-1', message: 'not active: old (DISABLED), broken (FAILED)' },
      { status: 'FAIL', region: 'eu-west-1', message: 'not active: new (CREATING)' },
    ],
  },
  {
    name: 'PASS when an active external analyzer sits beside unused-access ones',
    sources: { 'accessanalyzer.analyzers': everywhere(analyzers(unusedAccount, ext), ['us-east-1']) },
    regions: ['us-east-1'],
    expect: [{ status: 'PASS', message: 'external-access' }],
  },
  {
    name: 'ERROR naming the permission where ListAnalyzers is denied; the other region is evaluated normally',
    sources: { 'accessanalyzer.analyzers': { 'us-east-1': analyzers(), 'eu-west-1': denied } },
    expect: [{ status: 'FAIL', region: 'us-east-1' }, { status: 'ERROR', region: 'eu-west-1', message: ['Missing permission', 'access-analyzer:ListAnalyzers'] }],
  },
  {
    name: 'ERROR for a region that is not enabled (UnrecognizedClientException) only',
    sources: { 'accessanalyzer.analyzers': { 'us-east-1': analyzers(ext), 'eu-west-1': notEnabled } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'ERROR', region: 'eu-west-1', message: 'UnrecognizedClientException' }],
  },
  {
    name: 'ERROR in every region when the source was not collected at all',
    sources: {},
    expect: [{ status: 'ERROR', region: 'us-east-1', message: 'NotCollected' }, { status: 'ERROR', region: 'eu-west-1', message: 'NotCollected' }],
  },
]);

const euExt = analyzer('external-access', 'ACCOUNT', 'ACTIVE', 'eu-west-1');
const findingsDenied = failed('AccessDeniedException', 'access-analyzer:ListFindings');

regionalCheckCases('accessanalyzer_no_active_external_access', [
  {
    name: 'PASS per analyzer with no active finding',
    sources: { 'accessanalyzer.findings': { 'us-east-1': findingsData(analyzerFindings(ext, []), analyzerFindings(org, [])), 'eu-west-1': findingsData(analyzerFindings(euExt, [])) } },
    expect: [
      { status: 'PASS', region: 'us-east-1', resource: 'external-access', message: 'Analyzer external-access (ACCOUNT) has no active external-access finding in us-east-1' },
      { status: 'PASS', region: 'us-east-1', resource: 'org-external', message: '(ORGANIZATION)' },
      { status: 'PASS', region: 'eu-west-1', resource: 'external-access' },
    ],
  },
  {
    name: 'FAIL per active finding, role findings first and named as IAM roles',
    regions: ['us-east-1'],
    sources: {
      'accessanalyzer.findings': {
        'us-east-1': findingsData(analyzerFindings(ext, [
          bucketFinding('f-bucket', 'shared-reports'),
          roleFinding('f-role', 'QBusinessCrossAccountRole'),
          bucketFinding('f-public', 'public-site', true),
        ])),
      },
    },
    ordered: true,
    expect: [
      {
        status: 'FAIL', resource: `arn:aws:iam::123456789012:role/QBusinessCrossAccountRole`,
        message: /^IAM role QBusinessCrossAccountRole is accessible from outside the zone of trust: AWS 999988887777 can sts:AssumeRole \[finding f-role of analyzer external-access; on IAM roles: 1 of its 3 active findings\]$/,
      },
      { status: 'FAIL', resource: 'f-bucket', message: 'AWS::S3::Bucket arn:aws:s3:::shared-reports is accessible from outside the zone of trust: AWS 444455556666 can s3:GetObject (if aws:SourceVpce = vpce-1a2b3c4d)' },
      { status: 'FAIL', resource: 'f-public', message: 'AWS::S3::Bucket arn:aws:s3:::public-site is public: AWS * can s3:GetObject [' },
    ],
  },
  {
    name: 'a federated principal on a role is named as it comes',
    regions: ['us-east-1'],
    sources: { 'accessanalyzer.findings': { 'us-east-1': findingsData(analyzerFindings(ext, [roleFinding('f-oidc', 'path/GitHubDeploy', { Federated: 'token.actions.githubusercontent.com' })])) } },
    expect: [{ status: 'FAIL', message: 'IAM role GitHubDeploy is accessible from outside the zone of trust: Federated token.actions.githubusercontent.com can sts:AssumeRole' }],
  },
  {
    name: 'an ACTIVE finding Access Analyzer could not analyse still fails, saying so',
    regions: ['us-east-1'],
    sources: { 'accessanalyzer.findings': { 'us-east-1': findingsData(analyzerFindings(ext, [{ ...bucketFinding('f-err', 'locked'), principal: {}, action: [], condition: {}, error: 'ACCESS_DENIED' }])) } },
    expect: [{ status: 'FAIL', message: /^AWS::S3::Bucket arn:aws:s3:::locked could not be analysed \(ACCESS_DENIED\): it may be shared outside the zone of trust \[finding f-err/ }],
  },
  {
    name: 'findings not ACTIVE (archived or resolved) do not fail',
    regions: ['us-east-1'],
    sources: { 'accessanalyzer.findings': { 'us-east-1': findingsData(analyzerFindings(ext, [{ ...roleFinding('f-old', 'Old'), status: 'ARCHIVED' }])) } },
    expect: [{ status: 'PASS', resource: 'external-access' }],
  },
  {
    name: 'MANUAL for a region with no active external-access analyzer (unused-access analyzers only)',
    sources: { 'accessanalyzer.findings': { 'us-east-1': findingsData(analyzerFindings(ext, [])), 'eu-west-1': findingsData() } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'MANUAL', region: 'eu-west-1', message: 'not analysed here' }],
  },
  {
    name: 'ERROR for the analyzer whose findings cannot be listed; the other analyzer is evaluated',
    regions: ['us-east-1'],
    sources: {
      'accessanalyzer.findings': {
        'us-east-1': findingsData(
          analyzerFindings(org, null, { code: 'AccessDeniedException', message: 'not authorized to perform: access-analyzer:ListFindings', action: 'access-analyzer:ListFindings' }),
          analyzerFindings(ext, [roleFinding('f-role', 'Vendor')]),
        ),
      },
    },
    expect: [{ status: 'ERROR', resource: 'org-external', message: 'access-analyzer:ListFindings' }, { status: 'FAIL', message: 'IAM role Vendor' }],
  },
  {
    name: 'ERROR in the region where the findings source failed, the other region evaluated',
    sources: { 'accessanalyzer.findings': { 'us-east-1': findingsData(analyzerFindings(ext, [])), 'eu-west-1': findingsDenied } },
    expect: [{ status: 'PASS', region: 'us-east-1' }, { status: 'ERROR', region: 'eu-west-1', message: ['Missing permission', 'access-analyzer:ListFindings'] }],
  },
  {
    name: 'ERROR naming ListAnalyzers when the analyzers it depends on could not be listed',
    regions: ['us-east-1'],
    sources: { 'accessanalyzer.findings': { 'us-east-1': failed('DependencyFailed', 'access-analyzer:ListAnalyzers', 'depends on accessanalyzer.analyzers, which failed: AccessDeniedException') } },
    expect: [{ status: 'ERROR', message: ['access-analyzer:ListAnalyzers', 'DependencyFailed'] }],
  },
]);
