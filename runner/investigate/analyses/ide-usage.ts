// Analysis 5: did Amazon Q reach an IDE? Q Developer in the IDE and the Q CLI call the
// CodeWhisperer API (codewhisperer.amazonaws.com data events) and name their plugin in the user
// agent. One row per (principal, client): Identity Center users by their user id (onBehalfOf),
// because IDE calls carry no ARN. Information, never flagged.
//
// Which events count: CodeWhisperer data events and CodeWhisperer events the catalogue does not
// know (the IDE API grows faster than any list), any Amazon Q event whose user agent names an
// IDE plugin or the CLI, and the AWS calls the Q agent ran for its user from the IDE or the CLI
// (scope q_invoked with the `exec-env/AmazonQ-For-IDE…` / `…-For-CLI…` marker, normalise.ts).
// CodeWhisperer management events from other clients (an administrator creating a profile in the
// console) are not IDE use; the resources answer reports them.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import { isQAgentUserAgent } from '../normalise.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence } from './evidence.js';
import { EarliestDistinct } from './evidence.js';

const QUESTION = 'Did Q reach an IDE (Q Developer in the IDE: codewhisperer events, user agents naming IDE plugins)?';

const CODEWHISPERER = 'codewhisperer.amazonaws.com';

/**
 * The IDE and CLI clients of Amazon Q, as their user agents name them; the first match wins, so
 * the Amazon Q plugins come before the AWS Toolkits that carried CodeWhisperer earlier, and the
 * SDK metadata hints come last. Each pattern's group 1 is the version after the '/'. Where the
 * names come from:
 *   AmazonQ-For-VSCode/1.23.0          Amazon Q extension for VS Code (AWS re:Post sample event)
 *   Amazon-Q-For-JetBrains/3.40        the Q language server turns the plugin's name "Amazon Q For
 *                                      JetBrains" into a token by replacing spaces with '-'
 *   AmazonQ-For-Eclipse/1.0            Amazon Q plugin for Eclipse (same language server)
 *   AWS-Toolkit-For-VisualStudio/1.5   Amazon Q ships inside the AWS Toolkit for Visual Studio
 *   app/AmazonQ-For-CLI                the Q Developer CLI (aws-sdk-rust app id); Q-Developer-CLI
 *                                      as some builds and docs spell it
 *   exec-env/AmazonQ-For-CLI-Version-1.16.0, exec-env/AmazonQ-For-IDE-Version-1.94.0 (also
 *                                      `…-For-IDE Version/1.94.0` unsanitised): the AWS CLI run by
 *                                      the Q agent in the CLI or the IDE (AWS_EXECUTION_ENV), the
 *                                      IDE not named
 *   AWS-Toolkit-For-VSCode/… and AWS-Toolkit-For-JetBrains/…: the toolkits that hosted
 *                                      CodeWhisperer before the Amazon Q plugins split out
 *   md/vscode#1.95.3, app/JetBrains-…  SDK metadata of an IDE host when no plugin token is there
 */
export const IDE_CLIENTS: readonly { client: string; pattern: RegExp }[] = [
  { client: 'Amazon Q for VS Code', pattern: /\bAmazon-?Q-For-VSCode(?:\/(\S+))?/i },
  { client: 'Amazon Q for JetBrains', pattern: /\bAmazon-?Q-For-JetBrains(?:\/(\S+))?/i },
  { client: 'Amazon Q for Eclipse', pattern: /\bAmazon-?Q-For-Eclipse(?:\/(\S+))?/i },
  { client: 'AWS Toolkit for Visual Studio (Amazon Q)', pattern: /\bAWS-?Toolkit-?For-?Visual-?Studio(?:\/(\S+))?/i },
  // The agent markers may follow '_' in an exec-env value: not after a letter or digit, as the normaliser reads them.
  { client: 'Amazon Q Developer CLI', pattern: /(?<![A-Za-z0-9])(?:AmazonQ-For-CLI|Q-Developer-CLI)(?:[-_ ]Version)?(?:[-/](\d\S*))?/i },
  { client: 'Amazon Q in the IDE (agent)', pattern: /(?<![A-Za-z0-9])AmazonQ-For-IDE(?:[-_ ]Version)?(?:[-/](\d\S*))?/i },
  { client: 'AWS Toolkit for VS Code', pattern: /\bAWS[-_]Toolkit-For-VSCode(?:\/(\S+))?/i },
  { client: 'AWS Toolkit for JetBrains', pattern: /\bAWS-Toolkit-For-JetBrains(?:\/(\S+))?/i },
  { client: 'AWS Toolkit for Eclipse', pattern: /\bAWS-Toolkit-For-Eclipse(?:\/(\S+))?/i },
  { client: 'VS Code (plugin not named)', pattern: /\bmd\/vscode#(\S+)/i },
  { client: 'JetBrains IDE (plugin not named)', pattern: /\bapp\/JetBrains[-\w]*#?(\S*)/i },
];

/** A CodeWhisperer event whose user agent names no known client. */
const UNRECOGNISED = 'unrecognised client';

/** The client a user agent names, with its version (null when the agent does not say), or null. */
export function ideClientOf(userAgent: string): { client: string; version: string | null } | null {
  for (const { client, pattern } of IDE_CLIENTS) {
    const m = pattern.exec(userAgent);
    if (m) return { client, version: m[1] ? m[1] : null };
  }
  return null;
}

/** Distinct versions and user agents kept per row (the earliest seen). */
const MAX_VERSIONS = 10;

interface Row {
  principalKey: string;
  principalName: string;
  principalTypes: Set<string>;
  client: string;
  versions: EarliestDistinct;
  userAgents: EarliestDistinct;
  names: Map<string, number>;
  sources: Set<string>;
  failed: number;
  evidence: Evidence;
}

export function createIdeUsageAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    // Calls Q made in other services count only when the Q agent of the IDE or CLI ran them
    // (invokedBy q.amazonaws.com is Q Business or the console chat, not an IDE).
    if (e.scope !== 'q' && !(e.scope === 'q_invoked' && isQAgentUserAgent(e.userAgent))) return;
    let named = ideClientOf(e.userAgent);
    if (!named) {
      const ideApi = e.eventSource === CODEWHISPERER && (e.qClass === null || e.qClass.eventType === 'data');
      if (!ideApi) return;
      named = { client: UNRECOGNISED, version: null };
    }
    // IDE and CLI calls are made by Identity Center users: their user id is the stable identity.
    const ic = e.principal.onBehalfOf;
    const principalKey = ic ? `identitycenter:${ic}` : e.principal.key;
    const key = `${principalKey}\u0000${named.client}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        principalKey,
        principalName: ic ? `Identity Center user ${ic}` : e.principal.name,
        principalTypes: new Set(),
        client: named.client,
        versions: new EarliestDistinct(MAX_VERSIONS),
        userAgents: new EarliestDistinct(MAX_VERSIONS),
        names: new Map(),
        sources: new Set(),
        failed: 0,
        evidence: new Evidence(),
      };
      rows.set(key, row);
    }
    row.evidence.add(e);
    row.principalTypes.add(e.principal.type);
    if (named.version) row.versions.add(named.version, e.time);
    if (e.userAgent) row.userAgents.add(e.userAgent, e.time);
    const name = e.qClass?.name ?? e.eventName;
    row.names.set(name, (row.names.get(name) ?? 0) + 1);
    row.sources.add(e.eventSource);
    if (e.errorCode) row.failed += 1;
  }

  function itemOf(row: Row): AnswerItem {
    const names = [...row.names].sort((a, b) => b[1] - a[1] || compare(a[0], b[0]));
    const label = `${row.principalName} used ${row.client}`;
    return row.evidence.item(label, {
      principal: row.principalKey,
      principal_name: row.principalName,
      principal_type: [...row.principalTypes].sort().join(', '),
      client: row.client,
      client_versions: row.versions.values().join(', ') || null,
      user_agent: row.userAgents.values()[0] ?? null,
      distinct_user_agents: row.userAgents.size,
      event_names: names.map(([n, c]) => `${n} (${c})`).join(', '),
      event_sources: [...row.sources].sort().join(', '),
      failed_events: row.failed,
    });
  }

  function answer(): Answer {
    const all = [...rows.values()];
    const items = all.map(itemOf).sort(byFirstSeenThenLabel);
    return { id: 'ide_usage', question: QUESTION, summary: summaryOf(all), flagged: false, items, omittedItems: 0 };
  }

  return { id: 'ide_usage', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

function summaryOf(rows: Row[]): string {
  if (rows.length === 0) {
    return 'No Amazon Q Developer IDE or CLI activity in the window (IDE and CLI calls are CloudTrail data events: only a trail that logs CodeWhisperer data events records them).';
  }
  const principals = new Set(rows.map((r) => r.principalKey));
  const clients = [...new Set(rows.map((r) => r.client))].sort();
  const events = rows.reduce((n, r) => n + r.evidence.count, 0);
  return `Yes: ${plural(principals.size, 'principal', 'principals')} used Amazon Q from ${clients.join(', ')} (${plural(events, 'event', 'events')}).`;
}
