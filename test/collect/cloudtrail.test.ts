// The cloudtrail.trails collector at the wire, through the real CloudTrail client: awsJson1_1
// (POST /, X-Amz-Target CloudTrail_20131101.<Operation>, JSON bodies, errors by __type), shadow
// and organization trails, one GetTrailStatus and one GetEventSelectors per trail in its home
// region, per-trail failures, a throttled call retried, and AccessDenied.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { ClientFactory } from '../../runner/collect/clients.js';
import { collectAccount } from '../../runner/collect/collector.js';
import { loadCheckFile, builtinChecksDir } from '../../runner/checks/loader.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { AccountSnapshot, SourceResult } from '../../runner/snapshot/snapshot.js';
import type { CloudTrailTrailsData } from '../../runner/sources/cloudtrail-sources.js';
import { CLOUDTRAIL_SOURCES } from '../../runner/sources/cloudtrail-sources.js';
import { fastRetryStrategy } from '../helpers/aws-wire.js';
import { join } from 'node:path';

const ACCOUNT = '123456789012';
const ORG = '999988887777';
const TARGET_PREFIX = 'CloudTrail_20131101.';

interface JsonCall {
  /** `cloudtrail:DescribeTrails`, from X-Amz-Target. */
  action: string;
  /** The SigV4 signing region. */
  region: string;
  target: string;
  method: string;
  path: string;
  contentType: string;
  params: Record<string, unknown>;
}

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

type Responder = (call: JsonCall) => Reply;

const ok = (value: unknown): Reply => ({ status: 200, body: JSON.stringify(value), headers: { 'content-type': 'application/x-amz-json-1.1' } });
/** An awsJson1_1 error: the code in the body's __type (namespace#Code), as CloudTrail sends it. */
const error = (code: string, message: string, status = 400): Reply => ({
  status, body: JSON.stringify({ __type: `com.amazonaws.cloudtrail.v20131101#${code}`, message }), headers: { 'content-type': 'application/x-amz-json-1.1' },
});
const denied = (action: string, resource = '*'): Reply => error('AccessDeniedException', `User: arn:aws:sts::${ACCOUNT}:assumed-role/qready/s is not authorized to perform: ${action} on resource: ${resource}`);

/** A fake CloudTrail endpoint for awsJson1_1 (the shared aws-wire helper speaks awsQuery and restJson1). */
class JsonWire {
  readonly calls: JsonCall[] = [];
  private readonly scripts = new Map<string, (Reply | Responder)[]>();
  private readonly served = new Map<string, number>();

  readonly requestHandler = {
    handle: (request: HttpRequest): Promise<{ response: HttpResponse }> => Promise.resolve({ response: this.respond(request) }),
    updateHttpClientConfig: (): void => undefined,
    httpHandlerConfigs: (): Record<string, never> => ({}),
    destroy: (): void => undefined,
  };

  on(action: string, ...replies: (Reply | Responder)[]): this {
    this.scripts.set(action, replies);
    this.served.set(action, 0);
    return this;
  }

  callsTo(action: string): JsonCall[] {
    return this.calls.filter((c) => c.action === action);
  }

  private respond(request: HttpRequest): HttpResponse {
    const header = (name: string): string => request.headers[name] ?? request.headers[name.toLowerCase()] ?? '';
    const scope = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(header('authorization'));
    if (!scope) throw new Error('unsigned request');
    const target = header('x-amz-target');
    const body = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : String(request.body ?? '');
    const call: JsonCall = {
      action: `${scope[2]}:${target.slice(target.lastIndexOf('.') + 1)}`,
      region: scope[1], target, method: request.method, path: request.path, contentType: header('content-type'),
      params: body ? (JSON.parse(body) as Record<string, unknown>) : {},
    };
    this.calls.push(call);
    const replies = this.scripts.get(call.action);
    let reply: Reply;
    if (!replies) reply = error('QreadyTestUnscripted', `no reply scripted for ${call.action}`);
    else {
      const n = this.served.get(call.action) ?? 0;
      this.served.set(call.action, n + 1);
      const next = replies[Math.min(n, replies.length - 1)];
      reply = typeof next === 'function' ? next(call) : next;
    }
    return { statusCode: reply.status, headers: { ...reply.headers }, body: Readable.from([Buffer.from(reply.body, 'utf8')]) };
  }
}

const factoryFor = (wire: JsonWire): ClientFactory => new ClientFactory({
  requestHandler: wire.requestHandler,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  maxAttempts: 3,
  retryStrategy: fastRetryStrategy(3),
  requestRates: {}, // pacing has its own test (request-rates.test.ts)
});

// --- Recorded-style responses (member names as in the CloudTrail API reference)

const MAIN_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/main`;
const ORG_ARN = `arn:aws:cloudtrail:us-east-1:${ORG}:trail/org-trail`;
const EU_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/eu-single`;

const mainTrail = {
  Name: 'main', S3BucketName: 'main-cloudtrail-logs', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, HomeRegion: 'us-east-1',
  TrailARN: MAIN_ARN, LogFileValidationEnabled: true, KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
  HasCustomEventSelectors: true, HasInsightSelectors: false, IsOrganizationTrail: false,
};
const orgTrail = {
  Name: 'org-trail', S3BucketName: 'org-cloudtrail-logs', IncludeGlobalServiceEvents: true, IsMultiRegionTrail: true, HomeRegion: 'us-east-1',
  TrailARN: ORG_ARN, LogFileValidationEnabled: true, HasCustomEventSelectors: true, HasInsightSelectors: false, IsOrganizationTrail: true,
};
const euTrail = {
  Name: 'eu-single', S3BucketName: 'eu-logs', IncludeGlobalServiceEvents: false, IsMultiRegionTrail: false, HomeRegion: 'eu-west-1',
  TrailARN: EU_ARN, LogFileValidationEnabled: false, HasCustomEventSelectors: false, HasInsightSelectors: false, IsOrganizationTrail: false,
};

/** us-east-1 lists main and the organization trail; eu-west-1 lists both as shadows plus its own single-region trail. */
const describeTrails: Responder = (call) => ok({ trailList: call.region === 'eu-west-1' ? [mainTrail, orgTrail, euTrail] : [mainTrail, orgTrail] });

const status = (logging: boolean): Reply => ok({
  IsLogging: logging, LatestDeliveryTime: 1796036100, StartLoggingTime: 1735689600, ...(logging ? {} : { StopLoggingTime: 1790000000 }),
  LatestDeliveryAttemptTime: '2026-11-30T11:55:00Z', LatestNotificationAttemptTime: '', TimeLoggingStarted: '2025-01-01T00:00:00Z',
});

const MAIN_SELECTORS = {
  TrailARN: MAIN_ARN,
  AdvancedEventSelectors: [
    { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
    {
      Name: 'Q Business',
      FieldSelectors: [
        { Field: 'eventCategory', Equals: ['Data'] },
        { Field: 'resources.type', Equals: ['AWS::QBusiness::Application'] },
        { Field: 'resources.ARN', StartsWith: [`arn:aws:qbusiness:eu-west-1:${ACCOUNT}:application/`], NotEndsWith: ['-test'] },
      ],
    },
  ],
};
const EU_SELECTORS = { TrailARN: EU_ARN, EventSelectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] };

const getStatus: Responder = (call) => (call.params.Name === EU_ARN ? status(false) : status(true));
const getSelectors: Responder = (call) => {
  if (call.params.TrailName === ORG_ARN) return denied('cloudtrail:GetEventSelectors', ORG_ARN);
  return ok(call.params.TrailName === EU_ARN ? EU_SELECTORS : MAIN_SELECTORS);
};

function healthy(): JsonWire {
  return new JsonWire()
    .on('cloudtrail:DescribeTrails', describeTrails)
    .on('cloudtrail:GetTrailStatus', getStatus)
    .on('cloudtrail:GetEventSelectors', getSelectors);
}

const REGIONS = ['us-east-1', 'eu-west-1'];
const noSleep = (): Promise<void> => Promise.resolve();

async function collect(wire: JsonWire, regions = REGIONS, factory = factoryFor(wire)): Promise<AccountSnapshot> {
  return collectAccount({ factory, accountId: ACCOUNT, partition: 'aws', regions, sourceIds: ['cloudtrail.trails'], sleep: noSleep });
}

function data(result: SourceResult | undefined): CloudTrailTrailsData {
  assert.ok(result, 'collected');
  assert.equal(result.status, 'ok', JSON.stringify(result));
  return result.data as CloudTrailTrailsData;
}

describe('cloudtrail.trails collector at the wire (awsJson1_1)', () => {
  it('declares every CloudTrail action it calls, all read-only', () => {
    assert.deepEqual(CLOUDTRAIL_SOURCES.map((s) => [s.id, s.scope, s.actions]), [
      ['cloudtrail.trails', 'regional', ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors']],
    ]);
  });

  it('sends DescribeTrails as awsJson1_1 with includeShadowTrails, once per region, signed for that region', async () => {
    const wire = healthy();
    await collect(wire);
    const calls = wire.callsTo('cloudtrail:DescribeTrails');
    assert.deepEqual(calls.map((c) => c.region), REGIONS);
    for (const c of calls) {
      assert.equal(c.method, 'POST');
      assert.equal(c.path, '/');
      assert.equal(c.contentType, 'application/x-amz-json-1.1');
      assert.match(c.target, /^(com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.DescribeTrails$/);
      assert.deepEqual(c.params, { includeShadowTrails: true });
    }
  });

  it('reads status and selectors once per trail, in its home region, by ARN; shadow copies cost nothing', async () => {
    const wire = healthy();
    const factory = factoryFor(wire);
    await collect(wire, REGIONS, factory);
    const byTrail = (action: string, key: string) => wire.callsTo(action).map((c) => [c.region, c.params[key]]).sort();
    const expected = [['eu-west-1', EU_ARN], ['us-east-1', MAIN_ARN], ['us-east-1', ORG_ARN]];
    assert.deepEqual(byTrail('cloudtrail:GetTrailStatus', 'Name'), expected);
    assert.deepEqual(byTrail('cloudtrail:GetEventSelectors', 'TrailName'), expected);
    for (const c of wire.calls) assert.ok(c.target.startsWith(TARGET_PREFIX) || c.target.includes(`.${TARGET_PREFIX}`), c.target);
    // The guard's log: only declared actions, and no (action, region, params) twice.
    const keys = factory.sent.map((c) => JSON.stringify([c.action, c.region, c.params]));
    assert.equal(new Set(keys).size, keys.length, keys.join('\n'));
    assert.ok(factory.sent.every((c) => CLOUDTRAIL_SOURCES[0].actions.includes(c.action)));
  });

  it('stores each region\'s trails; status and selectors only on the home-region entry', async () => {
    const snapshot = await collect(healthy());
    const use1 = data(snapshot.sources['cloudtrail.trails']['us-east-1']);
    const euw1 = data(snapshot.sources['cloudtrail.trails']['eu-west-1']);
    assert.deepEqual(use1.trails.map((t) => [t.name, t.in_home_region]), [['main', true], ['org-trail', true]]);
    assert.deepEqual(euw1.trails.map((t) => [t.name, t.in_home_region]), [['main', false], ['org-trail', false], ['eu-single', true]]);

    const main = use1.trails[0];
    assert.deepEqual({ ...main, selectors: undefined }, {
      name: 'main', arn: MAIN_ARN, home_region: 'us-east-1', is_multi_region: true, is_organization_trail: false, include_global_service_events: true,
      log_file_validation_enabled: true, kms_key_id: mainTrail.KmsKeyId, s3_bucket_name: 'main-cloudtrail-logs', cloudwatch_logs_log_group_arn: null,
      has_custom_event_selectors: true, in_home_region: true,
      status: { is_logging: true, latest_delivery_time: '2026-11-30T10:55:00.000Z', latest_delivery_error: null, start_logging_time: '2025-01-01T00:00:00.000Z', stop_logging_time: null },
      selectors: undefined,
    });
    assert.deepEqual(main.selectors, { event_selectors: [], advanced_event_selectors: MAIN_SELECTORS.AdvancedEventSelectors });

    const shadow = euw1.trails[0];
    assert.equal(shadow.status, null);
    assert.equal(shadow.selectors, null);
    assert.equal(shadow.status_error, undefined);

    const eu = euw1.trails[2];
    assert.equal(eu.status?.is_logging, false);
    assert.equal(eu.status?.stop_logging_time, '2026-09-21T14:13:20.000Z');
    assert.equal(eu.kms_key_id, null);
    assert.deepEqual(eu.selectors, { event_selectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }], advanced_event_selectors: [] });
  });

  it('records a denied GetEventSelectors on the organization trail only; its status and the other trails are read', async () => {
    const snapshot = await collect(healthy());
    const [main, org] = data(snapshot.sources['cloudtrail.trails']['us-east-1']).trails;
    assert.equal(org.selectors, null);
    assert.equal(org.selectors_error?.code, 'AccessDeniedException');
    assert.equal(org.selectors_error?.action, 'cloudtrail:GetEventSelectors');
    assert.match(org.selectors_error?.message ?? '', /not authorized to perform: cloudtrail:GetEventSelectors/);
    assert.equal(org.status?.is_logging, true);
    assert.equal(org.status_error, undefined);
    assert.ok(main.selectors);
    assert.equal(main.selectors_error, undefined);
  });

  it('records a denied GetTrailStatus per trail', async () => {
    const wire = healthy().on('cloudtrail:GetTrailStatus', (call) => (call.params.Name === ORG_ARN ? denied('cloudtrail:GetTrailStatus', ORG_ARN) : status(true)));
    const [main, org] = data((await collect(wire, ['us-east-1'])).sources['cloudtrail.trails']['us-east-1']).trails;
    assert.equal(org.status, null);
    assert.equal(org.status_error?.action, 'cloudtrail:GetTrailStatus');
    assert.equal(main.status?.is_logging, true);
  });

  it('retries a throttled DescribeTrails and stores the successful answer', async () => {
    const wire = healthy().on('cloudtrail:DescribeTrails', error('ThrottlingException', 'Rate exceeded'), describeTrails);
    const snapshot = await collect(wire, ['us-east-1']);
    assert.equal(data(snapshot.sources['cloudtrail.trails']['us-east-1']).trails.length, 2);
    assert.equal(wire.callsTo('cloudtrail:DescribeTrails').length, 2);
  });

  it('keeps a GetEventSelectors throttled past the retries on that trail', async () => {
    const wire = healthy().on('cloudtrail:GetEventSelectors', (call) => (call.params.TrailName === MAIN_ARN ? error('ThrottlingException', 'Rate exceeded') : ok({ TrailARN: call.params.TrailName, AdvancedEventSelectors: [] })));
    const [main, org] = data((await collect(wire, ['us-east-1'])).sources['cloudtrail.trails']['us-east-1']).trails;
    assert.equal(main.selectors_error?.code, 'ThrottlingException');
    assert.equal(wire.callsTo('cloudtrail:GetEventSelectors').filter((c) => c.params.TrailName === MAIN_ARN).length, 3, 'three attempts');
    assert.deepEqual(org.selectors, { event_selectors: [], advanced_event_selectors: [] });
  });

  it('records AccessDenied on DescribeTrails as the region\'s source error naming the action, and calls nothing else there', async () => {
    const wire = healthy().on('cloudtrail:DescribeTrails', (call) => (call.region === 'us-east-1' ? denied('cloudtrail:DescribeTrails') : describeTrails(call)));
    const snapshot = await collect(wire);
    const result = snapshot.sources['cloudtrail.trails']['us-east-1'];
    assert.equal(result.status, 'error');
    assert.equal(result.status === 'error' && result.error.code, 'AccessDeniedException');
    assert.equal(result.status === 'error' && result.error.action, 'cloudtrail:DescribeTrails');
    assert.ok(wire.callsTo('cloudtrail:GetTrailStatus').every((c) => c.region === 'eu-west-1'));
    // eu-west-1 still reads its own trail (main and the organization trail are shadows there).
    assert.deepEqual(wire.callsTo('cloudtrail:GetTrailStatus').map((c) => c.params.Name), [EU_ARN]);
    assert.equal(snapshot.sources['cloudtrail.trails']['eu-west-1'].status, 'ok');
  });

  it('records a trail listed twice in one answer once', async () => {
    const wire = healthy().on('cloudtrail:DescribeTrails', ok({ trailList: [mainTrail, mainTrail] }));
    const snapshot = await collect(wire, ['us-east-1']);
    assert.equal(data(snapshot.sources['cloudtrail.trails']['us-east-1']).trails.length, 1);
    assert.equal(wire.callsTo('cloudtrail:GetTrailStatus').length, 1);
  });

  it('feeds the checks: the collected snapshot evaluates without guessing', async () => {
    const snapshot = await collect(healthy());
    const check = (id: string) => loadCheckFile(join(builtinChecksDir(), 'cloudtrail', `${id}.yaml`));
    const findings = evaluateAccount(snapshot, ['cloudtrail_multi_region_enabled', 'cloudtrail_log_file_validation_enabled', 'cloudtrail_qdeveloper_data_events_enabled'].map(check), { now: new Date('2026-11-30T12:00:00Z') });
    const got = findings.map((f) => `${f.check_id} ${f.status} ${f.region} ${f.resource.name ?? ''}`).sort();
    assert.deepEqual(got, [
      'cloudtrail_log_file_validation_enabled FAIL eu-west-1 eu-single',
      'cloudtrail_log_file_validation_enabled PASS us-east-1 main',
      'cloudtrail_log_file_validation_enabled PASS us-east-1 org-trail',
      'cloudtrail_multi_region_enabled PASS us-east-1 123456789012',
      // main records no profile events; the organization trail's selectors are denied: cannot tell.
      'cloudtrail_qdeveloper_data_events_enabled ERROR us-east-1 123456789012',
    ]);
  });
});
