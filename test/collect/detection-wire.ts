// The fake endpoint of the detection collector tests: the shared wire of test/helpers/aws-wire.ts
// (restJson1 for Access Analyzer, GuardDuty, Security Hub and Account, routed by method and URI
// template from the SDK's schemas; awsJson1_1 for Organizations, routed by X-Amz-Target), with the
// replies these tests script. Real SDK v3 clients serialize every request and parse every reply,
// so paging, error codes and retries are exercised as in production, without any network.
import type { ClientFactory } from '../../runner/collect/clients.js';
import {
  AwsWire, awsJsonError, awsJsonResult, jsonError, jsonResult, TEST_CREDENTIALS, tokenPages as wireTokenPages, type Responder, type WireCall, type WireReply,
} from '../helpers/aws-wire.js';

export { AwsWire as DetectionWire, awsJsonError, awsJsonResult, jsonError, jsonResult, TEST_CREDENTIALS, type WireReply };

/** `guardduty:GetDetector` with its path labels, query string and JSON body merged in `params`. */
export type DetectionCall = WireCall;
export type DetectionResponder = Responder;

export function restAccessDenied(action: string): WireReply {
  return jsonError('AccessDeniedException', `User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: ${action}`, 403);
}

/** What an endpoint answers in a region the account has not enabled. */
export function regionNotEnabled(): WireReply {
  return jsonError('UnrecognizedClientException', 'The security token included in the request is invalid.', 403);
}

/** `nextToken` paging (Access Analyzer, GuardDuty): page i is served for nextToken `t-i`. */
export function tokenPages(pages: Record<string, unknown>[]): Responder {
  return wireTokenPages(pages, { prefix: 't-' });
}

/** A factory whose clients talk only to `wire`, with static credentials and instant retries. */
export function detectionFactory(wire: AwsWire, maxAttempts = 3): ClientFactory {
  return wire.factory(maxAttempts);
}
