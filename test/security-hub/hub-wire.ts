// A fake Security Hub endpoint for the real SecurityHubClient (restJson1): the operation comes from
// the HTTP method and path (`POST /findings/import` is BatchImportFindings), the region from the
// SigV4 scope. Each operation has a handler that answers per call, so a test can script
// per-region behaviour, throttling and partial failures. No network is ever touched.
import { Readable } from 'node:stream';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { ClientFactory } from '../../runner/collect/clients.js';
import { fastRetryStrategy, jsonError, jsonResult, type WireReply } from '../helpers/aws-wire.js';
import { TEST_CREDENTIALS } from '../collect/iam-wire-fixtures.js';

export type HubOp = 'DescribeHub' | 'GetFindings' | 'BatchImportFindings';

export interface HubCall {
  op: HubOp;
  region: string;
  /** The parsed JSON body ({} for DescribeHub). */
  body: Record<string, unknown>;
  /** Size of the request body in bytes. */
  bytes: number;
}

export type HubHandler = (call: HubCall, nth: number) => WireReply;

const ROUTES: Record<string, HubOp> = {
  'GET /accounts': 'DescribeHub',
  'POST /findings': 'GetFindings',
  'POST /findings/import': 'BatchImportFindings',
};

export const ACCOUNT = '123456789012';

export function hubArn(region: string, account = ACCOUNT): string {
  return `arn:aws:securityhub:${region}:${account}:hub/default`;
}

export const describeHubOk: HubHandler = (call) => jsonResult({ HubArn: hubArn(call.region), SubscribedAt: '2024-01-01T00:00:00.000Z', AutoEnableControls: true });

export const notSubscribed = (): WireReply => jsonError('InvalidAccessException', `Account ${ACCOUNT} is not subscribed to AWS Security Hub`, 401);

/** Accepts every finding of the batch. */
export const importOk: HubHandler = (call) => {
  const n = (call.body.Findings as unknown[]).length;
  return jsonResult({ FailedCount: 0, SuccessCount: n, FailedFindings: [] });
};

export const noFindings: HubHandler = () => jsonResult({ Findings: [] });

export class HubWire {
  readonly calls: HubCall[] = [];
  private readonly handlers = new Map<HubOp, HubHandler>([
    ['DescribeHub', describeHubOk],
    ['GetFindings', noFindings],
    ['BatchImportFindings', importOk],
  ]);
  private readonly served = new Map<HubOp, number>();

  readonly requestHandler = {
    handle: (request: HttpRequest): Promise<{ response: HttpResponse }> => Promise.resolve({ response: this.respond(request) }),
    updateHttpClientConfig: (): void => undefined,
    httpHandlerConfigs: (): Record<string, never> => ({}),
    destroy: (): void => undefined,
  };

  on(op: HubOp, handler: HubHandler): this {
    this.handlers.set(op, handler);
    return this;
  }

  callsTo(op: HubOp): HubCall[] {
    return this.calls.filter((c) => c.op === op);
  }

  /** The findings of every BatchImportFindings request, in order (retried requests count once per attempt). */
  imported(region?: string): AwsSecurityFinding[][] {
    return this.callsTo('BatchImportFindings')
      .filter((c) => region === undefined || c.region === region)
      .map((c) => c.body.Findings as AwsSecurityFinding[]);
  }

  /** A factory whose clients reach only this endpoint, with instant retries. */
  factory(maxAttempts = 3): ClientFactory {
    return new ClientFactory({ requestHandler: this.requestHandler, credentials: TEST_CREDENTIALS, maxAttempts, retryStrategy: fastRetryStrategy(maxAttempts), requestRates: {} });
  }

  private respond(request: HttpRequest): HttpResponse {
    const auth = request.headers.authorization ?? request.headers.Authorization ?? '';
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
    if (!scope || scope[2] !== 'securityhub') throw new Error(`hub-wire: unexpected request to ${request.hostname}${request.path}`);
    const op = ROUTES[`${request.method} ${request.path}`];
    if (!op) throw new Error(`hub-wire: no route for ${request.method} ${request.path}`);
    const raw = request.body === undefined || request.body === null ? '' : typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
    const call: HubCall = { op, region: scope[1], body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {}, bytes: Buffer.byteLength(raw, 'utf8') };
    this.calls.push(call);
    const nth = this.served.get(op) ?? 0;
    this.served.set(op, nth + 1);
    const reply = (this.handlers.get(op) as HubHandler)(call, nth);
    return { statusCode: reply.status, headers: { ...reply.headers }, body: Readable.from([Buffer.from(reply.body, 'utf8')]) };
  }
}
