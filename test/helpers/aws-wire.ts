// A fake AWS endpoint for the real SDK v3 clients: a `requestHandler` that serves scripted wire
// responses, so tests exercise the SDK's own serialization, XML/JSON parsing, pagination and retries
// without any network. IAM and STS speak awsQuery (form POST in, XML out); Account speaks restJson1.
import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse, RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';

/** One HTTP request as the fake endpoint saw it (retries appear once per attempt). */
export interface WireCall {
  /** `iam:GetAccountSummary`: the service from the SigV4 scope and the operation. */
  action: string;
  /** The SigV4 signing region (us-east-1 for the global IAM endpoint). */
  region: string;
  /** awsQuery form fields without Action/Version, or the restJson body. */
  params: Record<string, unknown>;
  /** The endpoint host the SDK resolved (shows AWS_ENDPOINT_URL at work). */
  host: string;
}

export interface WireReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type Responder = (call: WireCall) => WireReply;

const XMLNS: Record<string, string> = {
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

let requestCounter = 0;
const requestId = (): string => `00000000-0000-4000-8000-${String(++requestCounter).padStart(12, '0')}`;

/** Escapes text for an XML element body. */
export function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A successful awsQuery reply: `<ActionResponse><ActionResult>inner</ActionResult>…`. `action` is `iam:Op`. */
export function queryResult(action: string, inner: string): WireReply {
  const [service, op] = action.split(':');
  const body = `<${op}Response xmlns="${XMLNS[service]}">\n  <${op}Result>${inner}</${op}Result>\n`
    + `  <ResponseMetadata><RequestId>${requestId()}</RequestId></ResponseMetadata>\n</${op}Response>\n`;
  return { status: 200, body, headers: { 'content-type': 'text/xml' } };
}

/** An awsQuery error reply, as IAM sends it (400 Sender for client errors, 403 for AccessDenied). */
export function queryError(code: string, message: string, status = 400, type = 'Sender'): WireReply {
  const body = `<ErrorResponse xmlns="${XMLNS.iam}">\n  <Error><Type>${type}</Type><Code>${code}</Code>`
    + `<Message>${xmlText(message)}</Message></Error>\n  <RequestId>${requestId()}</RequestId>\n</ErrorResponse>\n`;
  return { status, body, headers: { 'content-type': 'text/xml' } };
}

export function accessDenied(action: string): WireReply {
  return queryError('AccessDenied', `User: arn:aws:iam::123456789012:user/scanner is not authorized to perform: ${action} on resource: *`, 403);
}

export function jsonResult(value: unknown): WireReply {
  return { status: 200, body: JSON.stringify(value), headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId() } };
}

/** A restJson1 error: the code travels in x-amzn-errortype. */
export function jsonError(code: string, message: string, status = 400): WireReply {
  return { status, body: JSON.stringify({ message }), headers: { 'content-type': 'application/json', 'x-amzn-errortype': code } };
}

/**
 * IAM-style paging: page i (inner XML of the Result element) is served for Marker `page-i`
 * (no Marker = page 0); every page but the last says IsTruncated and names the next Marker.
 */
export function queryPages(action: string, pages: string[]): Responder {
  return (call) => {
    const marker = call.params.Marker;
    const index = marker === undefined ? 0 : Number(String(marker).replace('page-', ''));
    if (!(index in pages)) return queryError('InvalidInput', `unknown Marker ${String(marker)}`);
    const more = index < pages.length - 1;
    const tail = more ? `<IsTruncated>true</IsTruncated><Marker>page-${index + 1}</Marker>` : '<IsTruncated>false</IsTruncated>';
    return queryResult(action, pages[index] + tail);
  };
}

/** NextToken paging for restJson1: page i is served for NextToken `token-i`. */
export function jsonPages(pages: Record<string, unknown>[]): Responder {
  return (call) => {
    const token = call.params.NextToken;
    const index = token === undefined ? 0 : Number(String(token).replace('token-', ''));
    if (!(index in pages)) return jsonError('ValidationException', `unknown NextToken ${String(token)}`);
    return jsonResult(index < pages.length - 1 ? { ...pages[index], NextToken: `token-${index + 1}` } : pages[index]);
  };
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Decode the bytes directly: the SDK's JSON body adapter warns when treated as a string.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error('aws-wire: streaming request bodies are not supported');
}

/** Service and region from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`. */
function signingScope(request: HttpRequest): { service: string; region: string } {
  const auth = request.headers.authorization ?? request.headers.Authorization ?? '';
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
  if (!match) throw new Error(`aws-wire: unsigned request to ${request.hostname}${request.path}`);
  return { region: match[1], service: match[2] };
}

function parseCall(request: HttpRequest): WireCall {
  const { service, region } = signingScope(request);
  const text = bodyText(request.body);
  const contentType = request.headers['content-type'] ?? request.headers['Content-Type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    const params: Record<string, unknown> = {};
    for (const [key, value] of form) if (key !== 'Action' && key !== 'Version') params[key] = value;
    return { action: `${service}:${form.get('Action') ?? '?'}`, region, params, host: request.hostname };
  }
  // restJson1: the operation is the path (`/listRegions` → ListRegions).
  const op = request.path.replace(/^\//, '');
  const params = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  return { action: `${service}:${op.charAt(0).toUpperCase()}${op.slice(1)}`, region, params, host: request.hostname };
}

export class AwsWire {
  /** Every request received, in order. */
  readonly calls: WireCall[] = [];
  private readonly scripts = new Map<string, (WireReply | Responder)[]>();
  private readonly served = new Map<string, number>();

  /** The SDK `requestHandler` to pass to the clients. */
  readonly requestHandler = {
    handle: (request: HttpRequest): Promise<{ response: HttpResponse }> => Promise.resolve({ response: this.respond(request) }),
    // The SDK may ask a handler for its config; there is none to report.
    updateHttpClientConfig: (): void => undefined,
    httpHandlerConfigs: (): Record<string, never> => ({}),
    destroy: (): void => undefined,
  };

  /**
   * Replies for `action` (`iam:GetAccountSummary`), served in order; the last one repeats.
   * A Responder computes the reply from the request (paging, per-user answers).
   */
  on(action: string, ...replies: (WireReply | Responder)[]): this {
    if (replies.length === 0) throw new Error('aws-wire: on() needs at least one reply');
    this.scripts.set(action, replies);
    this.served.set(action, 0);
    return this;
  }

  callsTo(action: string): WireCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  private respond(request: HttpRequest): HttpResponse {
    const call = parseCall(request);
    this.calls.push(call);
    const replies = this.scripts.get(call.action);
    let reply: WireReply;
    if (!replies) {
      reply = queryError('QreadyTestUnscripted', `no reply scripted for ${call.action}`);
    } else {
      const n = this.served.get(call.action) ?? 0;
      this.served.set(call.action, n + 1);
      const next = replies[Math.min(n, replies.length - 1)];
      reply = typeof next === 'function' ? next(call) : next;
    }
    return { statusCode: reply.status, headers: { ...reply.headers }, body: Readable.from([Buffer.from(reply.body, 'utf8')]) };
  }
}

/**
 * A retry strategy that retries throttling and transient errors like the SDK's, but without its
 * back-off and rate limiting, so retry tests take milliseconds.
 */
export function fastRetryStrategy(maxAttempts = 3): RetryStrategyV2 {
  const token = (count: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => 0 });
  return {
    acquireInitialRetryToken: () => Promise.resolve(token(0)),
    refreshRetryTokenForRetry: (previous: RetryToken, info: RetryErrorInfo) => {
      const retryable = info.errorType === 'THROTTLING' || info.errorType === 'TRANSIENT';
      const next = previous.getRetryCount() + 1;
      return retryable && next < maxAttempts ? Promise.resolve(token(next)) : Promise.reject(info.error ?? new Error('no retry'));
    },
    recordSuccess: () => undefined,
  };
}
