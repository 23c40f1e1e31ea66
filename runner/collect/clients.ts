// The only place AWS SDK clients are made. Every client carries the read-only guard (see
// action-guard.ts): it can send only the IAM actions it was created for, so a collector that calls
// an undeclared action fails loudly instead of widening the scanner's required permissions.
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { AccountClient } from '@aws-sdk/client-account';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { QBusinessClient } from '@aws-sdk/client-qbusiness';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import type { InitializeMiddleware } from '@smithy/types';
import type { Clock, TokenBucket } from '../util/token-bucket.js';
import { actionGuard, type SentCall } from './action-guard.js';
import { DOCUMENTED_REQUEST_RATES, pacing, PACING_PLACEMENT, RequestPacer, type RequestRate } from './request-rates.js';

export { UndeclaredActionError, failedAction, type SentCall } from './action-guard.js';

/** The clients qready uses, keyed by the service's IAM action prefix. */
export interface ClientByService {
  iam: IAMClient;
  sts: STSClient;
  account: AccountClient;
  /** Scans call only DescribeHub; the explicit export (reports/security-hub/) imports findings. */
  securityhub: SecurityHubClient;
  cloudtrail: CloudTrailClient;
  'access-analyzer': AccessAnalyzerClient;
  guardduty: GuardDutyClient;
  qbusiness: QBusinessClient;
  logs: CloudWatchLogsClient;
  organizations: OrganizationsClient;
  /** Only `qready investigate --source s3://…` reads CloudTrail log files (ListBucket, GetObject). */
  s3: S3Client;
}

export type ServiceName = keyof ClientByService;

export interface ClientFactoryOptions {
  /** Shared config/credentials profile; unset means the SDK's default chain (AWS_PROFILE, env, SSO, IMDS…). */
  profile?: string;
  /** Attempts per call including the first (adaptive retry mode). Default 5. */
  maxAttempts?: number;
  /** Replaces the HTTP layer; tests inject a handler that serves recorded AWS responses. */
  requestHandler?: IAMClientConfig['requestHandler'];
  /** Fixed credentials or provider; unset means the SDK's default chain. Resolved once per factory either way. */
  credentials?: IAMClientConfig['credentials'];
  /**
   * Replaces the SDK's adaptive retry strategy. Tests use it to retry without the SDK's real
   * back-off (up to a second per throttled attempt); production leaves it unset.
   */
  retryStrategy?: IAMClientConfig['retryStrategy'];
  /**
   * The request rates kept per service and region (default: the documented ones,
   * DOCUMENTED_REQUEST_RATES). Tests that are not about pacing pass {} so as not to wait.
   */
  requestRates?: Readonly<Partial<Record<ServiceName, RequestRate>>>;
  /** Time source of the pacing buckets (tests use a virtual one). */
  clock?: Clock;
}

/** The part of the client config qready sets; identical in shape for every client. */
type SharedConfig = Pick<IAMClientConfig, 'region' | 'profile' | 'maxAttempts' | 'retryMode' | 'requestHandler' | 'credentials' | 'retryStrategy'>;

/** Produces the guard middleware typed for whichever client it is added to. */
type GuardMaker = <Input extends object, Output extends object>() => InitializeMiddleware<Input, Output>;

// The guard must run before serialization, so a forbidden call never produces a request.
const GUARD_PLACEMENT = { step: 'initialize', name: 'qreadyActionGuard', priority: 'high' } as const;

/** How the sent log and cache name a region the SDK resolves itself. */
export const DEFAULT_REGION = '(sdk default)';

// The SDK packages are released separately, so their config types differ in detail; each
// accepts the few settings qready passes (SharedConfig).
type ClientConstructor<C> = new (config: SharedConfig) => C;

const CONSTRUCTORS: { [S in ServiceName]: ClientConstructor<ClientByService[S]> } = {
  iam: IAMClient,
  sts: STSClient,
  account: AccountClient,
  securityhub: SecurityHubClient as unknown as ClientConstructor<SecurityHubClient>,
  cloudtrail: CloudTrailClient as unknown as ClientConstructor<CloudTrailClient>,
  'access-analyzer': AccessAnalyzerClient as unknown as ClientConstructor<AccessAnalyzerClient>,
  guardduty: GuardDutyClient as unknown as ClientConstructor<GuardDutyClient>,
  qbusiness: QBusinessClient as unknown as ClientConstructor<QBusinessClient>,
  logs: CloudWatchLogsClient as unknown as ClientConstructor<CloudWatchLogsClient>,
  organizations: OrganizationsClient as unknown as ClientConstructor<OrganizationsClient>,
  s3: S3Client as unknown as ClientConstructor<S3Client>,
};

function create<S extends ServiceName>(service: S, config: SharedConfig, guard: GuardMaker, bucket: TokenBucket | null): ClientByService[S] {
  // A trail bucket may live in another region than the one the investigation names: S3 answers
  // with a redirect, which the S3 client follows only when asked to.
  const client = new CONSTRUCTORS[service](service === 's3' ? ({ ...config, followRegionRedirects: true } as SharedConfig) : config);
  const stack = (client as unknown as IAMClient).middlewareStack;
  stack.add(guard(), GUARD_PLACEMENT);
  if (bucket) stack.addRelativeTo(pacing(bucket), PACING_PLACEMENT);
  return client;
}

export class ClientFactory {
  /** Every call let through by a guard, in order (one entry per call, not per retry attempt). */
  readonly sent: SentCall[] = [];
  private readonly options: ClientFactoryOptions;
  private readonly cache = new Map<string, ClientByService[ServiceName]>();
  /**
   * The first client's resolved (memoized) credential provider, handed to every later client: the
   * chain then runs once per scan, not once per client (one AssumeRole, one MFA prompt).
   */
  private sharedCredentials: SharedConfig['credentials'];
  private readonly pacer: RequestPacer;

  constructor(options: ClientFactoryOptions = {}) {
    this.options = options;
    this.pacer = new RequestPacer(options.requestRates ?? DOCUMENTED_REQUEST_RATES, options.clock);
  }

  /**
   * A client for `service` in `region` that may send only `allowedActions` (`iam:GetAccountSummary`
   * style). Clients are cached per (service, region, allow-list). An undefined region lets the
   * SDK resolve it (AWS_REGION, the profile), for the first call before any region is known.
   */
  client<S extends ServiceName>(service: S, region: string | undefined, allowedActions: readonly string[]): ClientByService[S] {
    const allowed = [...new Set(allowedActions)].sort();
    const key = `${service}|${region ?? DEFAULT_REGION}|${allowed.join(',')}`;
    const cached = this.cache.get(key);
    if (cached) return cached as ClientByService[S];

    const allowSet = new Set(allowed);
    const bucket = this.pacer.bucket(service, region ?? DEFAULT_REGION);
    const client = create(service, this.config(region), () => actionGuard(service, region ?? DEFAULT_REGION, allowSet, this.sent), bucket);
    this.sharedCredentials ??= client.config.credentials;
    this.cache.set(key, client);
    return client;
  }

  private config(region: string | undefined): SharedConfig {
    const { profile, maxAttempts = 5, requestHandler, credentials, retryStrategy } = this.options;
    // Only set what was given: an explicit `undefined` would override the SDK's own defaults.
    // The endpoint is left to the SDK so AWS_ENDPOINT_URL(_<SERVICE>) keep working.
    const config: SharedConfig = { maxAttempts, retryMode: 'adaptive' };
    if (region !== undefined) config.region = region;
    if (profile !== undefined) config.profile = profile;
    if (requestHandler !== undefined) config.requestHandler = requestHandler;
    const shared = this.sharedCredentials ?? credentials;
    if (shared !== undefined) config.credentials = shared;
    if (retryStrategy !== undefined) config.retryStrategy = retryStrategy;
    return config;
  }
}
