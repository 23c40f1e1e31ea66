// A fake AWS endpoint for the real SDK v3 clients: a `requestHandler` that serves scripted wire
// responses, so tests exercise the SDK's own serialization, XML/JSON parsing, pagination and retries
// without any network. It reads the three protocols qready's clients speak:
//   awsQuery   (IAM, STS)                        form POST in, XML out; the operation is the Action field.
//   awsJson1_x (CloudTrail, CloudWatch Logs,     JSON POST to /; the operation is the X-Amz-Target header
//               Organizations)                   (`CloudTrail_20131101.DescribeTrails`); errors carry `__type`.
//   restJson1  (Account, Access Analyzer,        the operation is the HTTP method and URI template, found
//               GuardDuty, Security Hub,         in the SDK package's own operation schemas; inputs travel
//               Q Business)                      in path labels, the query string and the JSON body.
// This is the one routing implementation of the test suite; service-specific wires build on it.
import { Readable } from 'node:stream';
import * as accessAnalyzerSdk from '@aws-sdk/client-accessanalyzer';
import * as accountSdk from '@aws-sdk/client-account';
import * as guardDutySdk from '@aws-sdk/client-guardduty';
import * as qbusinessSdk from '@aws-sdk/client-qbusiness';
import * as securityHubSdk from '@aws-sdk/client-securityhub';
import type { HttpRequest, HttpResponse, RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { ClientFactory, type ClientFactoryOptions } from '../../runner/collect/clients.js';

export type WireProtocol = 'awsQuery' | 'awsJson1_0' | 'awsJson1_1' | 'restJson1';

/** One HTTP request as the fake endpoint saw it (retries appear once per attempt). */
export interface WireCall {
  /** `iam:GetAccountSummary`: the service from the SigV4 scope and the operation. */
  action: string;
  /** The SigV4 signing region (us-east-1 for the global IAM endpoint). */
  region: string;
  /**
   * The input as it travelled: awsQuery form fields without Action/Version; the awsJson body; for
   * restJson1 the path labels (by template name), query parameters (by wire name, typed as the
   * input schema declares them) and the JSON body, merged.
   */
  params: Record<string, unknown>;
  /** The endpoint host the SDK resolved (shows AWS_ENDPOINT_URL at work). */
  host: string;
  protocol: WireProtocol;
}

export interface WireReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export type Responder = (call: WireCall) => WireReply;

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

// --- replies ---------------------------------------------------------------------------------------

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

/** A restJson1 success reply. */
export function jsonResult(value: unknown): WireReply {
  return { status: 200, body: JSON.stringify(value), headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId() } };
}

/** A restJson1 error: the code travels in x-amzn-errortype. */
export function jsonError(code: string, message: string, status = 400): WireReply {
  return { status, body: JSON.stringify({ message }), headers: { 'content-type': 'application/json', 'x-amzn-errortype': code } };
}

/** An awsJson1_1 success reply. */
export function awsJsonResult(value: unknown): WireReply {
  return { status: 200, body: JSON.stringify(value), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId() } };
}

/** An awsJson1_1 error: the code travels in the body's `__type` (bare, or `namespace#Code` as some services send it). */
export function awsJsonError(code: string, message: string, status = 400): WireReply {
  return { status, body: JSON.stringify({ __type: code, message }), headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId() } };
}

/** A success reply in the protocol of `call` (JSON protocols only). */
export function resultFor(call: WireCall, value: unknown): WireReply {
  if (call.protocol === 'awsQuery') throw new Error(`aws-wire: ${call.action} speaks awsQuery; use queryResult`);
  return call.protocol === 'restJson1' ? jsonResult(value) : awsJsonResult(value);
}

/** An error reply in the protocol of `call`. */
export function errorFor(call: WireCall, code: string, message: string, status = 400): WireReply {
  if (call.protocol === 'awsQuery') return queryError(code, message, status);
  return call.protocol === 'restJson1' ? jsonError(code, message, status) : awsJsonError(code, message, status);
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

export interface TokenPaging {
  /** The input and output member that carries the token. Default `nextToken`. */
  token?: string;
  /** Page i is served for token `<prefix>i`. Default `token-`. */
  prefix?: string;
}

/** Token paging for the JSON protocols: page i is served for token `token-i` (no token = page 0). */
export function tokenPages(pages: Record<string, unknown>[], { token = 'nextToken', prefix = 'token-' }: TokenPaging = {}): Responder {
  return (call) => {
    const value = call.params[token];
    const index = value === undefined ? 0 : Number(String(value).replace(prefix, ''));
    if (!(index in pages)) return errorFor(call, 'ValidationException', `unknown ${token} ${String(value)}`);
    return resultFor(call, index < pages.length - 1 ? { ...pages[index], [token]: `${prefix}${index + 1}` } : pages[index]);
  };
}

/** NextToken paging (Account): page i is served for NextToken `token-i`. */
export function jsonPages(pages: Record<string, unknown>[]): Responder {
  return tokenPages(pages, { token: 'NextToken' });
}

// --- restJson1 routes from the SDK's operation schemas -------------------------------------------------

// The SDK packages export Smithy static schemas: an operation `Op$` is `[9, namespace, name,
// { http: [method, uriTemplate, code] }, () => Input$, () => Output$]`, a structure
// `[3, namespace, name, traits, memberNames, memberSchemas]`, a list `[1, …]`, a simple alias
// `[0, namespace, name, traits, target]`. A member schema is its target or `[target, traits]`; traits
// are a bit set (bit 0: httpLabel) or an object (`{ httpQuery: 'maxResults' }`). A simple type is a
// number: 0 string, 1 numeric, 2 boolean, 17/19 big numbers, with bit 64 for "list of".
const NUMERIC_TYPES = new Set([1, 17, 19]);
const BOOLEAN_TYPE = 2;
const LIST_MODIFIER = 64;

type QueryType = 'string' | 'number' | 'boolean' | 'list';

/** The HTTP binding of one restJson1 operation. */
export interface RestRoute {
  /** The operation name, `ListIndices`. */
  op: string;
  method: string;
  /** The URI template, `/applications/{applicationId}/indices`. */
  uri: string;
  pattern: RegExp;
  /** Label names, in the order of the pattern's groups. */
  labels: string[];
  /** Query keys fixed by the template (`?sync`): the request must carry them; they are not input. */
  literalQuery: string[];
  /** How to read each query parameter the input binds (by wire name). */
  queryTypes: ReadonlyMap<string, QueryType>;
  /** Literal characters in the template: the most specific matching template wins. */
  specificity: number;
}

const deref = (schema: unknown): unknown => (typeof schema === 'function' ? (schema as () => unknown)() : schema);

function queryType(target: unknown): QueryType {
  const schema = deref(target);
  if (typeof schema === 'number') {
    if ((schema & LIST_MODIFIER) !== 0) return 'list';
    if (NUMERIC_TYPES.has(schema)) return 'number';
    return schema === BOOLEAN_TYPE ? 'boolean' : 'string';
  }
  if (Array.isArray(schema) && schema[0] === 1) return 'list';
  if (Array.isArray(schema) && schema[0] === 0) return queryType(schema[4]);
  return 'string';
}

/** Query wire name → type of every httpQuery member of an operation's input structure. */
function queryTypes(input: unknown): Map<string, QueryType> {
  const types = new Map<string, QueryType>();
  const schema = deref(input);
  if (!Array.isArray(schema) || schema[0] !== 3 || !Array.isArray(schema[5])) return types;
  for (const member of schema[5] as unknown[]) {
    if (!Array.isArray(member) || member.length !== 2) continue;
    const [target, traits] = member as [unknown, unknown];
    const query = typeof traits === 'object' && traits !== null ? (traits as { httpQuery?: unknown }).httpQuery : undefined;
    if (typeof query === 'string') types.set(query, queryType(target));
  }
  return types;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The restJson1 routes of an SDK package (its exported `Op$` schemas), most specific first. */
export function restJsonRoutes(sdk: object): RestRoute[] {
  const routes: RestRoute[] = [];
  for (const [key, value] of Object.entries(sdk)) {
    if (!key.endsWith('$') || !Array.isArray(value) || value[0] !== 9) continue;
    const http = (value[3] as { http?: [string, string, number] } | undefined)?.http;
    if (!http) continue;
    const [method, uri] = http;
    const [path, query = ''] = uri.split('?');
    const labels: string[] = [];
    let specificity = 0;
    const source = path.split(/(\{[^}]+\})/).map((part) => {
      const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (!label) {
        specificity += part.length;
        return escapeRegExp(part);
      }
      labels.push(label[1]);
      return label[2] ? '(.+)' : '([^/]+)';
    }).join('');
    const literalQuery = query.split('&').filter((q) => q !== '').map((q) => q.split('=')[0]);
    routes.push({
      op: String(value[2]), method, uri, pattern: new RegExp(`^${source}$`), labels, literalQuery,
      queryTypes: queryTypes(value[4]), specificity: specificity + literalQuery.length * 1000,
    });
  }
  return routes.sort((a, b) => b.specificity - a.specificity);
}

/** The restJson1 services qready calls, by SigV4 signing name (= IAM action prefix), and their SDK packages. */
const REST_JSON_SDKS: Readonly<Record<string, object>> = {
  'access-analyzer': accessAnalyzerSdk,
  account: accountSdk,
  guardduty: guardDutySdk,
  qbusiness: qbusinessSdk,
  securityhub: securityHubSdk,
};

export const REST_JSON_SERVICES: readonly string[] = Object.keys(REST_JSON_SDKS);

const routeCache = new Map<string, RestRoute[]>();

/** The routes of a restJson1 service by signing name; throws for a service this wire does not know. */
export function restJsonRoutesOf(service: string): RestRoute[] {
  let routes = routeCache.get(service);
  if (!routes) {
    const sdk = REST_JSON_SDKS[service];
    if (!sdk) throw new Error(`aws-wire: no restJson1 routes for '${service}'; add its SDK package to REST_JSON_SDKS`);
    routes = restJsonRoutes(sdk);
    routeCache.set(service, routes);
  }
  return routes;
}

type Query = HttpRequest['query'];

function queryValue(value: string | string[], type: QueryType | undefined): unknown {
  if (type === 'list') return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value;
  if (type === 'number') return Number(value);
  if (type === 'boolean') return value === 'true';
  return value;
}

/** The operation and its labels and query parameters, or undefined when no template matches. */
export function routeRestJson(service: string, method: string, path: string, query: Query = {}): { op: string; params: Record<string, unknown> } | undefined {
  const bare = path.split('?')[0];
  for (const route of restJsonRoutesOf(service)) {
    if (route.method !== method || !route.literalQuery.every((k) => k in query)) continue;
    const match = route.pattern.exec(bare);
    if (!match) continue;
    const params: Record<string, unknown> = {};
    route.labels.forEach((label, i) => { params[label] = decodeURIComponent(match[i + 1]); });
    for (const [k, v] of Object.entries(query)) {
      if (v !== null && !route.literalQuery.includes(k)) params[k] = queryValue(v, route.queryTypes.get(k));
    }
    return { op: route.op, params };
  }
  return undefined;
}

// --- parsing a request ---------------------------------------------------------------------------------

function header(request: HttpRequest, name: string): string {
  const key = Object.keys(request.headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? '' : String(request.headers[key]);
}

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Decode the bytes directly: the SDK's JSON body adapter warns when treated as a string.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error('aws-wire: streaming request bodies are not supported');
}

function jsonBody(text: string): Record<string, unknown> {
  if (text === '') return {};
  const value = JSON.parse(text) as unknown;
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : { $body: value };
}

/** Service and region from `Authorization: AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …`. */
function signingScope(request: HttpRequest): { service: string; region: string } {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header(request, 'authorization'));
  if (!match) throw new Error(`aws-wire: unsigned request to ${request.hostname}${request.path}`);
  return { region: match[1], service: match[2] };
}

/** What a signed SDK request asks for: action, region, input and protocol. */
export function wireCall(request: HttpRequest): WireCall {
  const { service, region } = signingScope(request);
  const host = request.hostname;
  const text = bodyText(request.body);
  const contentType = header(request, 'content-type');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(text);
    const params: Record<string, unknown> = {};
    for (const [key, value] of form) if (key !== 'Action' && key !== 'Version') params[key] = value;
    return { action: `${service}:${form.get('Action') ?? '?'}`, region, params, host, protocol: 'awsQuery' };
  }
  const target = header(request, 'x-amz-target');
  if (target) {
    const protocol = contentType.includes('json-1.0') ? 'awsJson1_0' : 'awsJson1_1';
    return { action: `${service}:${target.slice(target.lastIndexOf('.') + 1)}`, region, params: jsonBody(text), host, protocol };
  }
  const route = routeRestJson(service, request.method, request.path, request.query);
  // An unknown route stays visible in the call log (and is answered as unscripted).
  if (!route) return { action: `${service}:${request.method} ${request.path}`, region, params: jsonBody(text), host, protocol: 'restJson1' };
  return { action: `${service}:${route.op}`, region, params: { ...route.params, ...jsonBody(text) }, host, protocol: 'restJson1' };
}

// --- the endpoint ----------------------------------------------------------------------------------------

/** A ClientFactory whose clients send through `requestHandler`, with static credentials (no credential chain) and instant retries. */
export function wireClientFactory(requestHandler: ClientFactoryOptions['requestHandler'], maxAttempts = 3): ClientFactory {
  // No pacing: tests that are not about it must not wait (test/collect/request-rates.test.ts is).
  return new ClientFactory({ requestHandler, credentials: TEST_CREDENTIALS, maxAttempts, retryStrategy: fastRetryStrategy(maxAttempts), requestRates: {} });
}

export class AwsWire {
  /** Every request received, in the order sent. */
  readonly calls: WireCall[] = [];
  /** Regions whose endpoints cannot be reached: a request there (logged first) fails with a network error. */
  readonly unreachable = new Set<string>();
  /** Most requests in flight at once: each is answered a turn of the event loop later, so concurrent calls overlap. */
  peakInFlight = 0;
  private inFlight = 0;
  private readonly scripts = new Map<string, (WireReply | Responder)[]>();
  private readonly served = new Map<string, number>();

  /** The SDK `requestHandler` to pass to the clients. */
  readonly requestHandler = {
    handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
      const call = wireCall(request);
      this.calls.push(call);
      this.inFlight++;
      this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        return { response: this.respond(call, request) };
      } finally {
        this.inFlight--;
      }
    },
    // The SDK may ask a handler for its config; there is none to report.
    updateHttpClientConfig: (): void => undefined,
    httpHandlerConfigs: (): Record<string, never> => ({}),
    destroy: (): void => undefined,
  };

  /**
   * Replies for `action` (`iam:GetAccountSummary`), served in order; the last one repeats.
   * A Responder computes the reply from the request (paging, per-resource answers). Replaces
   * earlier replies for the action.
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

  /** A ClientFactory whose clients talk only to this wire. */
  factory(maxAttempts = 3): ClientFactory {
    return wireClientFactory(this.requestHandler, maxAttempts);
  }

  private respond(call: WireCall, request: HttpRequest): HttpResponse {
    if (this.unreachable.has(call.region)) {
      throw Object.assign(new Error(`connect ETIMEDOUT ${request.hostname}:443`), { name: 'TimeoutError', code: 'ETIMEDOUT' });
    }
    const replies = this.scripts.get(call.action);
    let reply: WireReply;
    if (!replies) {
      // In the request's own protocol, so the SDK reads it as the error it is.
      reply = errorFor(call, 'QreadyTestUnscripted', `no reply scripted for ${call.action}`);
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
