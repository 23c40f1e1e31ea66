// The only place AWS SDK clients are made. Every client carries the read-only guard (see
// action-guard.ts): it can send only the IAM actions it was created for, so a collector that calls
// an undeclared action fails loudly instead of widening the scanner's required permissions.
import { AccountClient } from '@aws-sdk/client-account';
import { IAMClient, type IAMClientConfig } from '@aws-sdk/client-iam';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import type { InitializeMiddleware } from '@smithy/types';
import { actionGuard, type SentCall } from './action-guard.js';

export { UndeclaredActionError, failedAction, type SentCall } from './action-guard.js';

/** The services qready talks to, named by their IAM action prefix. */
export type ServiceName = 'iam' | 'sts' | 'account' | 'securityhub';

export interface ClientByService {
  iam: IAMClient;
  sts: STSClient;
  account: AccountClient;
  /** Only the explicit Security Hub export uses it (reports/security-hub/); scans never do. */
  securityhub: SecurityHubClient;
}

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
}

/** The part of the client config qready sets; identical in shape for every client. */
type SharedConfig = Pick<IAMClientConfig, 'region' | 'profile' | 'maxAttempts' | 'retryMode' | 'requestHandler' | 'credentials' | 'retryStrategy'>;

/** Produces the guard middleware typed for whichever client it is added to. */
type GuardMaker = <Input extends object, Output extends object>() => InitializeMiddleware<Input, Output>;

// The guard must run before serialization, so a forbidden call never produces a request.
const GUARD_PLACEMENT = { step: 'initialize', name: 'qreadyActionGuard', priority: 'high' } as const;

/** How the sent log and cache name a region the SDK resolves itself. */
export const DEFAULT_REGION = '(sdk default)';

const CREATE: { [S in ServiceName]: (config: SharedConfig, guard: GuardMaker) => ClientByService[S] } = {
  iam: (config, guard) => {
    const client = new IAMClient(config);
    client.middlewareStack.add(guard(), GUARD_PLACEMENT);
    return client;
  },
  sts: (config, guard) => {
    const client = new STSClient(config);
    client.middlewareStack.add(guard(), GUARD_PLACEMENT);
    return client;
  },
  account: (config, guard) => {
    const client = new AccountClient(config);
    client.middlewareStack.add(guard(), GUARD_PLACEMENT);
    return client;
  },
  securityhub: (config, guard) => {
    const client = new SecurityHubClient(config);
    client.middlewareStack.add(guard(), GUARD_PLACEMENT);
    return client;
  },
};

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

  constructor(options: ClientFactoryOptions = {}) {
    this.options = options;
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
    const client = CREATE[service](this.config(region), () => actionGuard(service, region ?? DEFAULT_REGION, allowSet, this.sent));
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
