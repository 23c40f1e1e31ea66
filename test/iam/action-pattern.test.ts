import assert from 'node:assert/strict';
import { actionPattern, compiledPatternCount, matchesAction, matchesAnyAction } from '../../runner/iam/action-pattern.js';

describe('IAM action patterns', () => {
  const cases: [pattern: string, action: string, expected: boolean][] = [
    ['*', 'qbusiness:DeleteApplication', true],
    ['*:*', 'q:PassRequest', true],
    ['**', 's3:GetObject', true],
    ['qbusiness:*', 'qbusiness:DeleteApplication', true],
    ['qbusiness:*', 'qapps:CreateQApp', false],
    ['q:*', 'qbusiness:Chat', false],
    ['q*:*', 'qbusiness:Chat', true],
    ['q*:*', 'qapps:CreateQApp', true],
    ['q*:*', 'codewhisperer:GenerateRecommendations', false],
    ['qbusiness:Get*', 'qbusiness:GetApplication', true],
    ['qbusiness:Get*', 'qbusiness:Chat', false],
    ['qbusiness:Get*', 'qbusiness:Get', true], // `*` matches the empty run too
    ['qbusiness:*Document', 'qbusiness:BatchPutDocument', true],
    ['qbusiness:*Document', 'qbusiness:BatchPutDocuments', false],
    ['qbusiness:Batch?utDocument', 'qbusiness:BatchPutDocument', true],
    ['qbusiness:Batch?utDocument', 'qbusiness:BatchPPutDocument', false],
    ['qapp?:*', 'qapps:ListQApps', true],
    // case-insensitive on both sides
    ['QBUSINESS:deleteapplication', 'qbusiness:DeleteApplication', true],
    ['QBusiness:Delete*', 'QBUSINESS:DELETEINDEX', true],
    ['Q:PASSREQUEST', 'q:PassRequest', true],
    // regular-expression characters are literal
    ['qbusiness:Delete.pplication', 'qbusiness:DeleteApplication', false],
    ['qbusiness:(Delete)', 'qbusiness:Delete', false],
    ['qbusiness:Delete+', 'qbusiness:Deletee', false],
    // exact patterns match exactly
    ['qbusiness:DeleteApplication', 'qbusiness:DeleteApplications', false],
    ['qbusiness:DeleteApplication', 'qbusiness:DeleteApplication', true],
    // a pattern is not trimmed (IAM would not match it either)
    [' qbusiness:Chat', 'qbusiness:Chat', false],
  ];
  for (const [pattern, action, expected] of cases) {
    it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${action}`, () => {
      assert.equal(matchesAction(pattern, action), expected);
    });
  }

  it('records whether a pattern has wildcards, means everything, or names one service', () => {
    assert.deepEqual(
      ['*', '*:*', 'q*:*', 'qbusiness:Get*', 'qbusiness:Chat', 'QBusiness:*'].map((p) => {
        const c = actionPattern(p);
        return [p, c.wildcard, c.all, c.literalService];
      }),
      [
        ['*', true, true, null],
        ['*:*', true, true, null],
        ['q*:*', true, false, null],
        ['qbusiness:Get*', true, false, 'qbusiness'],
        ['qbusiness:Chat', false, false, 'qbusiness'],
        ['QBusiness:*', true, false, 'qbusiness'],
      ],
    );
  });

  it('compiles each distinct pattern once', () => {
    const first = actionPattern('qbusiness:Cache*Test');
    const count = compiledPatternCount();
    assert.equal(actionPattern('qbusiness:Cache*Test'), first);
    for (let i = 0; i < 100; i++) matchesAction('qbusiness:Cache*Test', `qbusiness:Cache${i}Test`);
    assert.equal(compiledPatternCount(), count);
  });

  it('matchesAnyAction is true when one pattern of a list matches', () => {
    assert.equal(matchesAnyAction(['s3:*', 'qbusiness:Delete*'], 'qbusiness:DeleteIndex'), true);
    assert.equal(matchesAnyAction(['s3:*', 'qbusiness:Get*'], 'qbusiness:DeleteIndex'), false);
    assert.equal(matchesAnyAction([], 'qbusiness:DeleteIndex'), false);
  });
});
