// What an analysis answers: rows a person reads, each naming the events behind it.

/** An event behind an answer: enough to find it in CloudTrail and judge it. */
export interface EventRef {
  eventId: string;
  eventTime: string;
  eventName: string;
  eventSource: string;
  principal: string;
  sourceIp: string;
  userAgent: string;
  region: string;
  /** The resource the event acted on (ARN or id), when known. */
  resource: string | null;
  errorCode: string | null;
}

/** One line of an answer (a resource, a plugin, a principal × application pair…). */
export interface AnswerItem {
  /** What the row is about, as a person would say it ("application 1a2b… created"). */
  label: string;
  /** Structured facts of the row (resource kind and id, counts, first and last seen…). */
  detail: Record<string, string | number | boolean | null>;
  /** Whether this row is an alert (tampering, unknown activity) rather than information. */
  flagged: boolean;
  /** How many events are behind the row (events may hold only the first few). */
  eventCount: number;
  /** The events behind the row, oldest first, at most MAX_EVENTS_PER_ITEM. */
  events: EventRef[];
}

export const ANALYSIS_IDS = [
  'resources_created_deleted',
  'plugins',
  'application_access',
  'documents',
  'ide_usage',
  'tampering',
  'actions_by_q',
  'unknown_activity',
] as const;
export type AnalysisId = (typeof ANALYSIS_IDS)[number];

export interface Answer {
  id: AnalysisId;
  /** The playbook question, as asked. */
  question: string;
  /** One sentence answering it ("3 resources created, 1 deleted"; "no plugin activity"). */
  summary: string;
  /** True when any item is flagged: sets exit code 3 for tampering and unknown activity. */
  flagged: boolean;
  items: AnswerItem[];
  /** Items left out beyond the cap (the count stays true; the rows are in the JSON events). */
  omittedItems: number;
}

/** Rows keep at most this many events each: the count stays exact, memory stays flat. */
export const MAX_EVENTS_PER_ITEM = 20;
