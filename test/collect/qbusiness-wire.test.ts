// The fake endpoint of the Amazon Q Business (restJson1) and CloudWatch Logs (awsJson1_1)
// collector tests: the shared wire of test/helpers/aws-wire.ts, which finds restJson1 operations
// from the HTTP method and URI template of the SDK's own operation schemas and awsJson1_1 ones from
// X-Amz-Target, with the replies these tests script. Used by qbusiness-collectors.test.ts; the
// Q Business routing is tested below.
import assert from 'node:assert/strict';
import {
  AwsWire, jsonResult, restJsonRoutes, restJsonRoutesOf, routeRestJson, tokenPages as wireTokenPages, type Responder, type WireCall, type WireReply,
} from '../helpers/aws-wire.js';

export { AwsWire as JsonWire, restJsonRoutes };

export type JsonCall = WireCall;
export type JsonReply = WireReply;
export type JsonResponder = Responder;

export const ok = (body: unknown): WireReply => jsonResult(body);

/** An error as both protocols carry it: the code in x-amzn-errortype (restJson1) and __type (awsJson1_1). */
export function jsonFailure(code: string, message: string, status: number): WireReply {
  return { status, body: JSON.stringify({ __type: code, message }), headers: { 'content-type': 'application/json', 'x-amzn-errortype': code } };
}

export const accessDeniedJson = (action: string): WireReply =>
  jsonFailure('AccessDeniedException', `User: arn:aws:sts::123456789012:assumed-role/qready/scan is not authorized to perform: ${action}`, 403);

/** nextToken paging (query parameter or JSON body): page i is served for token `token-i`. */
export function tokenPages(pages: Record<string, unknown>[]): Responder {
  return wireTokenPages(pages);
}

describe('the JSON wire used by the Q Business collector tests', () => {
  it('routes restJson1 requests by method and URI template, decoding labels and typing query parameters', () => {
    const arn = 'arn:aws:qbusiness:us-east-1:123456789012:application/abc';
    assert.deepEqual(routeRestJson('qbusiness', 'GET', `/v1/tags/${encodeURIComponent(arn)}`), { op: 'ListTagsForResource', params: { resourceARN: arn } });
    assert.deepEqual(routeRestJson('qbusiness', 'GET', '/applications/a1/indices/i1/datasources', { maxResults: '10', nextToken: '7' }), {
      op: 'ListDataSources', params: { applicationId: 'a1', indexId: 'i1', maxResults: 10, nextToken: '7' },
    });
    assert.ok(restJsonRoutesOf('qbusiness').some((r) => r.op === 'ListApplications' && r.method === 'GET' && r.uri === '/applications'));
  });

  it('tells operations apart by the literal query of their template (ChatSync is Chat with ?sync)', () => {
    assert.equal(routeRestJson('qbusiness', 'POST', '/applications/a1/conversations', { sync: '' })?.op, 'ChatSync');
    assert.equal(routeRestJson('qbusiness', 'POST', '/applications/a1/conversations')?.op, 'Chat');
  });
});
