// The investigation's self-contained HTML report: one file, no external requests, a strict
// Content-Security-Policy (the inline script and style allowed by their sha256 hashes only), the
// same approach as the scan report (reports/html/html-report.ts).
//
// Order on the page: what was read and the verdict; the answers (each question, its summary and
// its rows with the events behind them, flagged rows marked and open); a filterable timeline; the
// per-principal activity; the unclassified Amazon Q event names and the source problems.
//
// Answers, principals, unclassified names and problems are written as HTML here, every value
// escaped, so they read without JavaScript. The timeline is data: the first TIMELINE_CAP events
// in time order, embedded as JSON (escaped with the reports' shared jsonForScript so no value can end
// the element) with every string stored once and rows as indices into that list; the page script
// (assets/investigation.js) filters and renders it. The window may hold hundreds of thousands of
// events, so the page says how many more are in the JSON and CSV, and only the first TIMELINE_CAP
// are ever read from the spool here.
import { join } from 'node:path';
import type { Answer, AnswerItem, EventRef } from '../../runner/investigate/answers.js';
import type { Investigation, InvestigationOutput, PrincipalActivity } from '../../runner/investigate/investigation.js';
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import { Interner } from '../html/interner.js';
import { escapeHtml, jsonForScript, loadPageAssets, pageHead, SHARED_STYLESHEET } from '../html/page-assets.js';
import { count, displayTime, eventCategory, eventResources, plural } from './event-text.js';

/** Events embedded in the page's timeline; the rest are in the JSON and CSV. */
export const TIMELINE_CAP = 5000;

/** Bumped when the embedded data layout changes; investigation.js checks it. */
export const INVESTIGATION_HTML_DATA_VERSION = 1;

/** Problems listed on the page before "… N more" (the JSON lists them all). */
const MAX_PROBLEMS_SHOWN = 200;

/** The columns of an embedded timeline row, in order; each value is an index into `strings`. */
export const TIMELINE_DATA_COLUMNS = [
  'time',
  'scope',
  'eventSource',
  'eventName',
  'category',
  'operation',
  'principal',
  'principalName',
  'principalType',
  'sourceIp',
  'userAgent',
  'region',
  'accountId',
  'applicationId',
  'resource',
  'errorCode',
  'eventId',
] as const;

/** What investigation.js reads from #inv-data. */
export interface TimelineData {
  v: typeof INVESTIGATION_HTML_DATA_VERSION;
  columns: typeof TIMELINE_DATA_COLUMNS;
  /** Events in the window (all formats). */
  total: number;
  /** Rows embedded here: min(total, cap). */
  shown: number;
  cap: number;
  /** Every distinct string of the rows, once. */
  strings: string[];
  rows: number[][];
  /** Indices of the rows whose event is behind a flagged answer row. */
  flagged: number[];
}

export interface HtmlReportOptions {
  /** Events embedded in the timeline (default TIMELINE_CAP). */
  timelineCap?: number;
}

/** Event ids behind flagged answer rows (at most MAX_EVENTS_PER_ITEM per row, so a bounded set). */
function flaggedEventIds(investigation: Investigation): Set<string> {
  const ids = new Set<string>();
  for (const a of investigation.answers) for (const item of a.items) if (item.flagged) for (const ref of item.events) ids.add(ref.eventId);
  return ids;
}

/** Reads the first `cap` events from the spool (and no more) into the embedded timeline. */
export async function timelineData(output: InvestigationOutput, cap = TIMELINE_CAP): Promise<TimelineData> {
  const strings = new Interner();
  const flaggedIds = flaggedEventIds(output.investigation);
  const rows: number[][] = [];
  const flagged: number[] = [];
  if (cap > 0) {
    for await (const event of output.events()) {
      const values: Record<(typeof TIMELINE_DATA_COLUMNS)[number], string> = {
        time: displayTime(event.eventTime),
        scope: event.scope,
        eventSource: event.eventSource,
        eventName: event.eventName,
        category: eventCategory(event),
        operation: event.qClass?.operation ?? '',
        principal: event.principal.key,
        principalName: event.principal.name,
        principalType: event.principal.type,
        sourceIp: event.sourceIp,
        userAgent: event.userAgent,
        region: event.region,
        accountId: event.accountId,
        applicationId: event.applicationId ?? '',
        resource: eventResources(event),
        errorCode: event.errorCode ?? '',
        eventId: event.eventId,
      };
      if (flaggedIds.has(event.eventId)) flagged.push(rows.length);
      rows.push(TIMELINE_DATA_COLUMNS.map((c) => strings.of(values[c])));
      if (rows.length >= cap) break;
    }
  }
  return {
    v: INVESTIGATION_HTML_DATA_VERSION,
    columns: TIMELINE_DATA_COLUMNS,
    total: output.eventCount,
    shown: rows.length,
    cap,
    strings: strings.values,
    rows,
    flagged,
  };
}

function metaItem(label: string, value: string, testid: string): string {
  return `<div class="meta-item"><dt>${escapeHtml(label)}</dt><dd data-testid="${testid}">${escapeHtml(value)}</dd></div>`;
}

function header(inv: Investigation): string {
  const { run } = inv;
  const items = [
    metaItem('Window', `${displayTime(run.window.start)} to ${displayTime(run.window.end)}`, 'meta-window'),
    metaItem('Source', run.source, 'meta-source'),
    metaItem('Accounts', run.accounts.join(', ') || 'none', 'meta-accounts'),
    metaItem('Regions', run.regions.join(', ') || 'none', 'meta-regions'),
  ];
  if (run.baseline) items.push(metaItem('Baseline', `${displayTime(run.baseline.start)} to ${displayTime(run.baseline.end)}`, 'meta-baseline'));
  const filters = [
    ['principals', run.filters.principals],
    ['regions', run.filters.regions],
    ['applications', run.filters.applications],
  ] as const;
  const active = filters.filter(([, v]) => v.length > 0).map(([name, v]) => `${name}: ${v.join(', ')}`);
  if (active.length) items.push(metaItem('Filters', active.join('; '), 'meta-filters'));
  items.push(metaItem('Run', `${displayTime(run.startedAt)}, qready ${run.toolVersion}`, 'meta-run'));
  return `<header class="masthead" role="banner">
  <div class="masthead-inner">
    <div class="brand">
      <span class="logo" aria-hidden="true">q</span>
      <div>
        <h1>Amazon Q activity investigation</h1>
        <p class="subtitle">CloudTrail analysis by qready</p>
      </div>
    </div>
    <dl class="meta" data-testid="meta">${items.join('')}</dl>
  </div>
</header>`;
}

function statCard(label: string, value: number, testid: string, extra = ''): string {
  return `<div class="stat${extra}" data-testid="${testid}" data-count="${value}"><span class="stat-count">${count(value)}</span><span class="stat-label">${escapeHtml(label)}</span></div>`;
}

function overview(output: InvestigationOutput): string {
  const { stats, flagged, answers, problems, unclassified } = output.investigation;
  const flaggedAnswers = answers.filter((a) => a.flagged);
  const verdict = flagged
    ? '<strong>Tampering or unknown activity found.</strong>' +
      (flaggedAnswers.length ? ` Flagged: ${flaggedAnswers.map((a) => `<a href="#answer-${escapeHtml(a.id)}">${escapeHtml(a.question)}</a>`).join(' · ')}` : '')
    : '<strong>No tampering or unknown activity found</strong> in the events that were read.';
  const problemNote = problems.length
    ? `<p class="callout warn" data-testid="problems-note">${escapeHtml(plural(problems.length, 'source problem'))}: what could not be read is left out of every answer; the rest was analysed. <a href="#problems">See which.</a></p>`
    : '';
  return `<section class="overview" aria-labelledby="overview-heading">
  <h2 id="overview-heading" class="visually-hidden">Overview</h2>
  <p class="verdict ${flagged ? 'verdict-flagged' : 'verdict-clear'}" data-testid="verdict" data-flagged="${flagged}">${verdict}</p>
  ${problemNote}
  <div class="stats" data-testid="stats">
    ${statCard('records read', stats.recordsRead, 'stat-records')}
    ${statCard('files or pages', stats.unitsRead, 'stat-units')}
    ${statCard('events matched', output.eventCount, 'stat-events', ' stat-total')}
    ${statCard('Amazon Q', stats.qEvents, 'stat-q')}
    ${statCard('IAM, STS, CloudTrail, Logs', stats.relatedEvents, 'stat-related')}
    ${statCard('made by Amazon Q for a user', stats.qInvokedEvents, 'stat-q-invoked')}
    ${statCard('unclassified Q events', stats.unclassifiedEvents, 'stat-unclassified', unclassified.length ? ' stat-warn' : '')}
    ${statCard('source problems', problems.length, 'stat-problems', problems.length ? ' stat-warn' : '')}
  </div>
</section>`;
}

function eventRow(ref: EventRef): string {
  const error = ref.errorCode ? `<span class="error-code">${escapeHtml(ref.errorCode)}</span>` : '';
  const cells = [
    `<td class="nowrap">${escapeHtml(displayTime(ref.eventTime))}</td>`,
    `<td>${escapeHtml(ref.eventName)}<div class="subtle small">${escapeHtml(ref.eventSource)}</div>${error}</td>`,
    `<td class="wrap">${escapeHtml(ref.principal)}</td>`,
    `<td class="mono">${escapeHtml(ref.sourceIp)}</td>`,
    `<td class="wrap small">${escapeHtml(ref.userAgent)}</td>`,
    `<td>${escapeHtml(ref.region)}</td>`,
    `<td class="wrap mono small">${escapeHtml(ref.resource ?? '')}</td>`,
    `<td class="mono small">${escapeHtml(ref.eventId)}</td>`,
  ];
  return `<tr data-testid="item-event" data-event-id="${escapeHtml(ref.eventId)}">${cells.join('')}</tr>`;
}

const EVENT_HEAD =
  '<thead><tr><th scope="col">Time</th><th scope="col">Event</th><th scope="col">Principal</th><th scope="col">Source IP</th><th scope="col">User agent</th><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Event id</th></tr></thead>';

function detailList(detail: AnswerItem['detail']): string {
  const entries = Object.entries(detail);
  if (!entries.length) return '';
  return `<dl class="detail" data-testid="item-detail">${entries.map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v === null ? '—' : String(v))}</dd></div>`).join('')}</dl>`;
}

function itemHtml(item: AnswerItem): string {
  const more = item.eventCount - item.events.length;
  const moreNote = more > 0 ? `<p class="subtle small">${escapeHtml(plural(more, 'more event'))} behind this row: in the timeline, the JSON and the CSV.</p>` : '';
  const events = item.events.length ? `<div class="table-scroll"><table class="events">${EVENT_HEAD}<tbody>${item.events.map(eventRow).join('')}</tbody></table></div>` : '';
  const badge = item.flagged ? '<span class="badge badge-flagged" data-testid="flag-badge">Flagged</span>' : '';
  return `<details class="item${item.flagged ? ' flagged' : ''}" data-testid="answer-item" data-flagged="${item.flagged}"${item.flagged ? ' open' : ''}>
<summary>${badge}<span class="item-label" data-testid="item-label">${escapeHtml(item.label)}</span><span class="item-count subtle">${escapeHtml(plural(item.eventCount, 'event'))}</span></summary>
<div class="item-body">${detailList(item.detail)}${events}${moreNote}</div>
</details>`;
}

function answerHtml(answer: Answer, index: number): string {
  const badge = answer.flagged ? ' <span class="badge badge-flagged">Flagged</span>' : '';
  const items = answer.items.length ? answer.items.map(itemHtml).join('\n') : '';
  const omitted = answer.omittedItems > 0 ? `<p class="subtle" data-testid="omitted-items">${escapeHtml(plural(answer.omittedItems, 'more row'))} not listed; their events are in the JSON and CSV.</p>` : '';
  return `<section class="answer card${answer.flagged ? ' flagged' : ''}" id="answer-${escapeHtml(answer.id)}" data-testid="answer" data-answer="${escapeHtml(answer.id)}" data-flagged="${answer.flagged}">
<h3><span class="answer-number">${index + 1}</span> <span data-testid="answer-question">${escapeHtml(answer.question)}</span>${badge}</h3>
<p class="answer-summary" data-testid="answer-summary">${escapeHtml(answer.summary)}</p>
${items}
${omitted}
</section>`;
}

function timelineSection(data: TimelineData): string {
  const rest = data.total - data.shown;
  const note =
    rest > 0
      ? `Showing the first ${count(data.shown)} of ${count(data.total)} events in time order. The other ${count(rest)} are in the JSON (<code>.json</code>) and CSV timeline (<code>.timeline.csv</code>) written beside this report.`
      : `All ${plural(data.total, 'event')} of the window, in time order.`;
  return `<section id="timeline" class="section" aria-labelledby="timeline-heading">
<h2 id="timeline-heading">Timeline</h2>
<p class="note${rest > 0 ? ' callout' : ''}" data-testid="timeline-note" data-total="${data.total}" data-shown="${data.shown}">${note}</p>
<noscript><p class="callout warn">The timeline is rendered by this file's embedded script. Enable JavaScript to see it, or open the CSV timeline.</p></noscript>
<form class="filters card" id="filters" data-testid="timeline-filters" role="search" aria-label="Filter the timeline">
  <label class="search-field"><span class="label">Search</span><input type="search" id="tl-search" data-testid="tl-search" placeholder="Any field: name, principal, IP, user agent, resource, event id" autocomplete="off" spellcheck="false"></label>
  <label><span class="label">Scope</span><select id="tl-scope" data-testid="tl-scope"><option value="">All scopes</option></select></label>
  <label><span class="label">Category</span><select id="tl-category" data-testid="tl-category"><option value="">All categories</option></select></label>
  <label><span class="label">Principal</span><select id="tl-principal" data-testid="tl-principal"><option value="">All principals</option></select></label>
  <label><span class="label">Event name</span><select id="tl-name" data-testid="tl-name"><option value="">All event names</option></select></label>
  <label class="check"><input type="checkbox" id="tl-flagged" data-testid="tl-flagged"> Only events behind flagged rows</label>
  <button type="button" class="btn" id="tl-clear" data-testid="tl-clear">Clear filters</button>
</form>
<p class="match-count" id="tl-count" data-testid="tl-count" aria-live="polite"></p>
<div class="table-scroll">
<table class="timeline" data-testid="timeline-table">
<thead><tr><th scope="col">Time</th><th scope="col">Scope</th><th scope="col">Event</th><th scope="col">Category</th><th scope="col">Principal</th><th scope="col">Source IP</th><th scope="col">User agent</th><th scope="col">Region</th><th scope="col">Application / resource</th><th scope="col">Error</th><th scope="col">Event id</th></tr></thead>
<tbody id="tl-body"></tbody>
</table>
</div>
<p class="empty" id="tl-empty" hidden>No event matches the filters.</p>
<div class="more"><button type="button" class="btn" id="tl-more" data-testid="tl-more" hidden></button></div>
</section>`;
}

function list(values: string[], mono = false): string {
  if (!values.length) return '<span class="subtle">—</span>';
  return `<ul class="plain${mono ? ' mono small' : ''}">${values.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>`;
}

function principalRow(p: PrincipalActivity): string {
  const names = p.eventNames.map((n) => `<li>${escapeHtml(n.name)} <span class="subtle">×${count(n.count)}</span></li>`).join('');
  return `<tr data-testid="principal-row" data-principal="${escapeHtml(p.key)}">
<td><div class="principal-name" data-testid="principal-name">${escapeHtml(p.name)}</div><div class="subtle small wrap">${escapeHtml(p.type)}${p.arn ? ` · ${escapeHtml(p.arn)}` : p.key !== p.name ? ` · ${escapeHtml(p.key)}` : ''}</div>
<button type="button" class="btn btn-small" data-testid="principal-filter" data-principal="${escapeHtml(p.key)}">Show in timeline</button></td>
<td class="nowrap small">${escapeHtml(displayTime(p.firstSeen))}<br>${escapeHtml(displayTime(p.lastSeen))}</td>
<td class="num">${count(p.qEvents)}</td><td class="num">${count(p.relatedEvents)}</td><td class="num">${count(p.qInvokedEvents)}</td>
<td class="num${p.deniedEvents ? ' denied' : ''}" data-testid="principal-denied">${count(p.deniedEvents)}</td>
<td><ul class="plain small">${names}</ul></td>
<td>${list(p.applications, true)}</td><td>${list(p.sourceIps, true)}</td><td class="wrap small">${list(p.userAgents)}</td><td>${list(p.regions)}</td>
</tr>`;
}

function principalsSection(principals: PrincipalActivity[]): string {
  const body = principals.length
    ? `<div class="table-scroll"><table class="principals" data-testid="principals-table">
<thead><tr><th scope="col">Principal</th><th scope="col">First / last seen</th><th scope="col">Amazon Q</th><th scope="col">IAM, STS, CloudTrail</th><th scope="col">By Amazon Q</th><th scope="col">Denied</th><th scope="col">Event names</th><th scope="col">Applications</th><th scope="col">Source IPs</th><th scope="col">User agents</th><th scope="col">Regions</th></tr></thead>
<tbody>${principals.map(principalRow).join('\n')}</tbody></table></div>`
    : '<p class="subtle">No principal was active in the window.</p>';
  return `<section id="principals" class="section" aria-labelledby="principals-heading" data-testid="principals">
<h2 id="principals-heading">Activity per principal</h2>
${body}
</section>`;
}

function unclassifiedSection(inv: Investigation): string {
  if (!inv.unclassified.length) return '';
  const rows = inv.unclassified.map((u) => `<tr data-testid="unclassified-row"><td>${escapeHtml(u.eventSource)}</td><td>${escapeHtml(u.eventName)}</td><td class="num">${count(u.count)}</td></tr>`).join('');
  return `<section id="unclassified" class="section" aria-labelledby="unclassified-heading" data-testid="unclassified">
<h2 id="unclassified-heading">Unclassified Amazon Q event names</h2>
<p class="note">Amazon Q events whose name the event catalogue does not know. They are kept in the timeline, the JSON and the CSV with the category <code>unclassified</code>; a new API, or a name worth a closer look.</p>
<table class="compact"><thead><tr><th scope="col">Event source</th><th scope="col">Event name</th><th scope="col">Events</th></tr></thead><tbody>${rows}</tbody></table>
</section>`;
}

function problemsSection(inv: Investigation): string {
  if (!inv.problems.length) return '';
  const shown = inv.problems.slice(0, MAX_PROBLEMS_SHOWN);
  const rest = inv.problems.length - shown.length;
  const rows = shown.map((p) => `<tr data-testid="problem-row"><td class="wrap mono small">${escapeHtml(p.where)}</td><td class="wrap">${escapeHtml(p.message)}</td></tr>`).join('');
  return `<section id="problems" class="section" aria-labelledby="problems-heading" data-testid="problems">
<h2 id="problems-heading">Source problems</h2>
<p class="note">What the source could not read. Reading went on: the answers cover everything else, but not these.</p>
<table class="compact"><thead><tr><th scope="col">Where</th><th scope="col">Problem</th></tr></thead><tbody>${rows}</tbody></table>
${rest > 0 ? `<p class="subtle">… ${escapeHtml(plural(rest, 'more problem'))} in the JSON.</p>` : ''}
</section>`;
}

/** The embedded timeline, written in pieces: a few thousand rows never become one string here. */
function* dataChunks(data: TimelineData): Generator<string> {
  const { rows, ...rest } = data;
  yield `${jsonForScript(rest).slice(0, -1)},"rows":[`;
  for (let i = 0; i < rows.length; i += 500) {
    yield (i ? ',' : '') + rows.slice(i, i + 500).map((r) => jsonForScript(r)).join(',');
  }
  yield ']}';
}

async function* htmlChunks(output: InvestigationOutput, options: HtmlReportOptions): AsyncGenerator<string> {
  const assets = loadPageAssets(join('reports', 'investigation', 'assets'), 'investigation', { baseStylesheet: SHARED_STYLESHEET });
  const { js } = assets;
  const inv = output.investigation;
  const data = await timelineData(output, options.timelineCap ?? TIMELINE_CAP);
  const title = `qready investigation: ${displayTime(inv.run.window.start)} to ${displayTime(inv.run.window.end)}`;
  yield `${pageHead(assets, title, inv.run.toolVersion)}<a class="skip" href="#answers-heading">Skip to the answers</a>
${header(inv)}
<nav class="toc container" aria-label="Sections"><a href="#answers">Answers</a><a href="#timeline">Timeline</a><a href="#principals">Principals</a>${inv.unclassified.length ? '<a href="#unclassified">Unclassified events</a>' : ''}${inv.problems.length ? '<a href="#problems">Source problems</a>' : ''}</nav>
<main id="main" class="container">
${overview(output)}
<section id="answers" class="section" aria-labelledby="answers-heading" data-testid="answers">
<h2 id="answers-heading">Answers</h2>
`;
  for (const [i, answer] of inv.answers.entries()) yield answerHtml(answer, i) + '\n';
  yield `</section>
${timelineSection(data)}
`;
  yield principalsSection(inv.principals);
  yield unclassifiedSection(inv);
  yield problemsSection(inv);
  yield `
</main>
<footer class="footer container"><p>Self-contained report: this file makes no network requests. Times are UTC.</p></footer>
<script type="application/json" id="inv-data">`;
  yield* dataChunks(data);
  yield `</script>
<script>${js}</script>
</body>
</html>
`;
}

/** The whole report as one string (tests; the writer streams). */
export async function renderInvestigationHtml(output: InvestigationOutput, options: HtmlReportOptions = {}): Promise<string> {
  let html = '';
  for await (const chunk of htmlChunks(output, options)) html += chunk;
  return html;
}

/** Writes the report atomically (temporary file, then rename). */
export async function writeInvestigationHtml(output: InvestigationOutput, file: string, options: HtmlReportOptions = {}): Promise<void> {
  await writeStreamAtomic(file, htmlChunks(output, options));
}
