// The normalised CloudTrail event: what every event source produces and every analysis reads.
// Plain JSON (it crosses worker threads and is spooled to disk), reduced to what the analyses
// and the outputs need, so a million raw records never sit in memory at once.

/** Who made the call, reduced from `userIdentity`. */
export interface EventPrincipal {
  /**
   * A stable key for "the same principal" across events: the IAM ARN (an assumed-role session's
   * ARN names role and session), `identitycenter:<userId>` for Identity Center users (Q Developer
   * in the IDE, Q Business with IAM Identity Center), `service:<invokedBy>` for AWS services.
   */
  key: string;
  /** userIdentity.type: IAMUser, AssumedRole, Root, IdentityCenterUser, AWSService, FederatedUser… */
  type: string;
  arn: string | null;
  accountId: string | null;
  /** For assumed roles: the role's ARN (sessionContext.sessionIssuer.arn). */
  sessionIssuerArn: string | null;
  /** userIdentity.onBehalfOf.userId (Identity Center user a service acted for). */
  onBehalfOf: string | null;
  accessKeyId: string | null;
  /** A short human name: user name, role/session, Identity Center user id. */
  name: string;
}

export interface EventResource {
  arn: string | null;
  type: string | null;
}

/** How the event catalogue (check-metadata/q-event-catalogue.yaml) classified the event. */
export interface EventClass {
  /** The real API name (the catalogue maps the German playbook's misspelt names to it). */
  name: string;
  category: EventCategory;
  operation: EventOperation;
  /** What the catalogue says the event type is (management or data). */
  eventType: 'management' | 'data';
  /** The Amazon Q resource kind the event acts on, when there is one (application, index, plugin…). */
  resourceKind: string | null;
}

export const EVENT_CATEGORIES = [
  'resource_lifecycle',
  'plugin',
  'document',
  'conversation',
  'user_group',
  'guardrail',
  'troubleshooting',
  'logging',
  'other',
] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const EVENT_OPERATIONS = ['create', 'delete', 'read', 'change'] as const;
export type EventOperation = (typeof EVENT_OPERATIONS)[number];

/**
 * The Amazon Q event sources: the services whose events are the investigation's subject, and
 * which act for users in other services (invokedBy / sourceIPAddress). The event catalogue
 * classifies the events of exactly these (a test keeps the two in step).
 */
export const Q_EVENT_SOURCES: readonly string[] = ['qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com'];

/** Which part of the investigation an event belongs to. */
export type EventScope =
  /** An Amazon Q event source (qbusiness, qapps, q, codewhisperer). */
  | 'q'
  /** IAM, STS, CloudTrail, CloudWatch Logs: kept for tampering and for principals with Q activity. */
  | 'related'
  /** Any other service, called by Amazon Q on a user's behalf (invokedBy / source q.amazonaws.com). */
  | 'q_invoked';

export interface TrailEvent {
  eventId: string;
  /** eventTime as logged (ISO-8601, UTC). */
  eventTime: string;
  /** eventTime in epoch milliseconds, parsed once. */
  time: number;
  eventSource: string;
  /** eventName as logged. */
  eventName: string;
  region: string;
  /** recipientAccountId (the account the event was logged in), else the principal's account. */
  accountId: string;
  /** eventCategory: Management, Data, Insight (absent in old records: Management). */
  eventCategory: string;
  readOnly: boolean | null;
  principal: EventPrincipal;
  sourceIp: string;
  userAgent: string;
  errorCode: string | null;
  errorMessage: string | null;
  /** userIdentity.invokedBy (an AWS service that made the call for the principal). */
  invokedBy: string | null;
  resources: EventResource[];
  /** The Amazon Q Business application the event concerns (request parameters or resource ARN). */
  applicationId: string | null;
  requestParameters: Record<string, unknown> | null;
  responseElements: Record<string, unknown> | null;
  additionalEventData: Record<string, unknown> | null;
  scope: EventScope;
  /** Set for scope 'q': the catalogue's classification, or null when the name is unknown (unclassified). */
  qClass: EventClass | null;
}

/** The event catalogue as the normaliser and the analyses use it (see catalogue.ts). */
export interface EventCatalogue {
  /** The Amazon Q event sources: qbusiness, qapps, q, codewhisperer (.amazonaws.com). */
  isQSource(eventSource: string): boolean;
  /** The classification of a Q event, or null when the catalogue does not know the name. */
  classify(eventSource: string, eventName: string): EventClass | null;
}
