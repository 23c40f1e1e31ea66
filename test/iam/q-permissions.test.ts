import assert from 'node:assert/strict';
import { builtinCheck } from '../helpers/check-tester.js';
import { amazonQFullAccessArn, isAmazonQFullAccess, isQServicePrincipal, Q_HIGH_IMPACT_ACTIONS, qTrustStatements } from '../../runner/iam/q-permissions.js';

const trust = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

describe('Amazon Q permission facts', () => {
  it('recognises AmazonQFullAccess in every partition, and nothing else', () => {
    assert.equal(isAmazonQFullAccess('arn:aws:iam::aws:policy/AmazonQFullAccess'), true);
    assert.equal(isAmazonQFullAccess('arn:aws-us-gov:iam::aws:policy/AmazonQFullAccess'), true);
    assert.equal(isAmazonQFullAccess(amazonQFullAccessArn('aws-cn')), true);
    assert.equal(isAmazonQFullAccess('arn:aws:iam::aws:policy/AmazonQDeveloperAccess'), false);
    assert.equal(isAmazonQFullAccess('arn:aws:iam::123456789012:policy/AmazonQFullAccess'), false, 'a customer policy of the same name is not the AWS managed one');
    assert.equal(isAmazonQFullAccess('arn:aws:iam::aws:policy/AmazonQFullAccessV2'), false);
  });

  it('the check\'s default high_impact_actions parameter is the catalogue list', () => {
    assert.deepEqual(builtinCheck('iam_q_privileged_principals').params.high_impact_actions, [...Q_HIGH_IMPACT_ACTIONS]);
    assert.equal(Q_HIGH_IMPACT_ACTIONS.length, 24);
  });

  const services: [string, boolean][] = [
    ['qbusiness.amazonaws.com', true],
    ['QBusiness.AmazonAWS.com', true],
    ['application.qbusiness.amazonaws.com', true],
    ['anything.qbusiness.amazonaws.com', true],
    ['q.amazonaws.com', true],
    ['.qbusiness.amazonaws.com', false],
    ['qapps.amazonaws.com', false],
    ['notqbusiness.amazonaws.com', false],
    ['qbusiness.amazonaws.com.evil.example', false],
    ['ec2.amazonaws.com', false],
  ];
  for (const [service, expected] of services) {
    it(`${service} ${expected ? 'is' : 'is not'} an Amazon Q service principal`, () => assert.equal(isQServicePrincipal(service), expected));
  }

  describe('trust statements naming Amazon Q', () => {
    const cases: { name: string; policy: unknown; expect: [principals: string[], sourceConditions: string[]][] }[] = [
      { name: 'a service string without condition', policy: trust({ Effect: 'Allow', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole' }), expect: [[['qbusiness.amazonaws.com'], []]] },
      {
        name: 'a service list with SourceAccount (StringEquals)',
        policy: trust({ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'application.qbusiness.amazonaws.com'] }, Action: ['sts:AssumeRole', 'sts:SetContext'], Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }),
        expect: [[['application.qbusiness.amazonaws.com'], ['aws:SourceAccount']]],
      },
      { name: 'SourceArn under ArnLike, key in another case', policy: trust({ Effect: 'Allow', Principal: { Service: 'q.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:q:*:1:*' } } }), expect: [[['q.amazonaws.com'], ['AWS:SourceArn']]] },
      { name: 'another condition key only', policy: trust({ Effect: 'Allow', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceOrgID': 'o-1' } } }), expect: [[['qbusiness.amazonaws.com'], []]] },
      { name: 'Principal "*"', policy: trust({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }), expect: [[['*'], []]] },
      { name: 'Principal {"AWS": "*"}', policy: trust({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '1' } } }), expect: [[['*'], ['aws:SourceAccount']]] },
      { name: 'other services and accounts only', policy: trust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com', AWS: 'arn:aws:iam::1:root' }, Action: 'sts:AssumeRole' }), expect: [] },
      { name: 'a Deny is not trust', policy: trust({ Effect: 'Deny', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole' }), expect: [] },
      {
        name: 'two statements, judged one by one',
        policy: trust(
          { Effect: 'Allow', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '1' }, ArnEquals: { 'aws:SourceArn': 'arn:aws:qbusiness:us-east-1:1:application/a' } } },
          { Effect: 'Allow', Principal: { Service: 'application.qbusiness.amazonaws.com' }, Action: 'sts:SetContext' },
        ),
        expect: [[['qbusiness.amazonaws.com'], ['aws:SourceAccount', 'aws:SourceArn']], [['application.qbusiness.amazonaws.com'], []]],
      },
      { name: 'no document', policy: null, expect: [] },
    ];
    for (const c of cases) {
      it(c.name, () => assert.deepEqual(qTrustStatements(c.policy).map((t) => [t.principals, t.source_conditions]), c.expect));
    }
  });
});
