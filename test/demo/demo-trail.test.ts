// The bundled demo trail: the committed examples/demo-trail/ is exactly what
// examples/demo-trail.ts generates, laid out as an organization trail delivers it, and the
// investigation the demo runs over it (the incident week against the 30 days before) tells the
// incident's story in all eight answers while the month of normal life stays quiet.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { DEMO_TRAIL_FOLDER, DEMO_TRAIL_INVESTIGATION, demoTrailFiles, trailFileBytes } from '../../examples/demo-trail.js';
import {
  ACCOUNT_TRAIL_ARN, CONTRACTOR_ARN, CONTRACTOR_PLUGIN_ID, DELETED_DELIVERY_ID, DELETED_WEB_EXPERIENCE_ID, ORGANIZATION_TRAIL_ARN,
} from '../../examples/demo/trail-incident.js';
import { PROD_APPLICATION_ID } from '../../examples/demo/qbusiness.js';
import type { Answer, AnalysisId, AnswerItem } from '../../runner/investigate/answers.js';
import { NO_FILTERS } from '../../runner/investigate/filters.js';
import { investigate, type InvestigationRun } from '../../runner/investigate/investigate.js';
import { filesSource } from '../../runner/investigate/sources/files-source.js';
import { parseDuration } from '../../runner/investigate/time-window.js';
import { packageRoot } from '../../runner/util/package-root.js';

const COMMITTED = join(packageRoot(), DEMO_TRAIL_FOLDER);

/** Every file under `dir`, relative, with '/' separators, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

/** The fields every CloudTrail API-call record carries. */
const RECORD_FIELDS = [
  'eventVersion', 'userIdentity', 'eventTime', 'eventSource', 'eventName', 'awsRegion', 'sourceIPAddress', 'userAgent', 'requestParameters',
  'responseElements', 'requestID', 'eventID', 'readOnly', 'eventType', 'managementEvent', 'recipientAccountId', 'eventCategory',
];

describe('demo trail', () => {
  const generated = demoTrailFiles();

  describe('the committed folder', () => {
    it('holds exactly the files examples/demo-trail.ts generates (regenerate with `node dist/examples/demo-trail.js`)', () => {
      assert.deepEqual(filesUnder(COMMITTED), generated.map((f) => f.path));
    });

    it('each file decompresses to the records the generator makes for it', () => {
      for (const f of generated) {
        const committed: unknown = JSON.parse(gunzipSync(readFileSync(join(COMMITTED, ...f.path.split('/')))).toString('utf8'));
        assert.deepEqual(committed, JSON.parse(JSON.stringify({ Records: f.records })), f.path);
      }
    });

    it('stays small (under 200 KB)', () => {
      const bytes = generated.reduce((n, f) => n + statSync(join(COMMITTED, ...f.path.split('/'))).size, 0);
      assert.ok(bytes < 200_000, `${bytes} bytes`);
    });
  });

  describe('the generator', () => {
    it('is deterministic: the same records and the same gzip bytes on every run', () => {
      const again = demoTrailFiles();
      assert.deepEqual(again, generated);
      assert.ok(trailFileBytes(again[0].records).equals(trailFileBytes(generated[0].records)));
    });

    it('lays the files out as an organization trail delivers them, each in the folder of its delivery day', () => {
      const layout = /^AWSLogs\/o-demo123456\/111122223333\/CloudTrail\/(us-east-1|eu-west-1)\/(\d{4})\/(\d{2})\/(\d{2})\/111122223333_CloudTrail_([a-z0-9-]+)_(\d{8})T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
      for (const f of generated) {
        const m = layout.exec(f.path);
        assert.ok(m, f.path);
        assert.equal(m[5], m[1], `region in the name: ${f.path}`);
        assert.equal(m[6], `${m[2]}${m[3]}${m[4]}`, `date in the name: ${f.path}`);
        // Delivered after the events it holds, and never more than a day later.
        const delivered = Date.parse(`${m[2]}-${m[3]}-${m[4]}T23:59:59Z`);
        for (const r of f.records) {
          assert.equal(r.awsRegion, m[1], f.path);
          assert.ok(Date.parse(r.eventTime as string) < delivered && delivered - Date.parse(r.eventTime as string) < 2 * 86_400_000, `${f.path}: ${String(r.eventTime)}`);
        }
      }
    });

    it('writes records with every field a real record has, unique event ids, and a few hundred of them', () => {
      const records = generated.flatMap((f) => f.records);
      assert.ok(records.length >= 300 && records.length <= 1000, `${records.length} records`);
      for (const r of records) for (const field of RECORD_FIELDS) assert.ok(field in r, `${String(r.eventName)} lacks ${field}`);
      assert.equal(new Set(records.map((r) => r.eventID)).size, records.length);
      const sources = new Set(records.map((r) => r.eventSource));
      for (const noise of ['s3.amazonaws.com', 'ec2.amazonaws.com', 'kms.amazonaws.com', 'sts.amazonaws.com']) assert.ok(sources.has(noise), noise);
    });
  });

  describe('investigated as the demo does (the incident week, 30 days of baseline)', () => {
    let run: InvestigationRun;
    const answers = new Map<AnalysisId, Answer>();
    const answer = (id: AnalysisId): Answer => answers.get(id)!;
    const find = (id: AnalysisId, pred: (i: AnswerItem) => boolean, what: string): AnswerItem => {
      const hit = answer(id).items.find(pred);
      assert.ok(hit, `${id}: no item ${what} in ${JSON.stringify(answer(id).items.map((i) => i.label))}`);
      return hit;
    };

    before(async () => {
      const start = Date.parse(`${DEMO_TRAIL_INVESTIGATION.start}T00:00:00Z`);
      const end = Date.parse(`${DEMO_TRAIL_INVESTIGATION.end}T00:00:00Z`);
      const span = parseDuration(DEMO_TRAIL_INVESTIGATION.baseline)!;
      run = await investigate({ source: filesSource(COMMITTED, { workers: 2 }), window: { start, end }, baseline: { start: start - span, end: start }, filters: NO_FILTERS, allowlist: null });
      for (const a of run.investigation.answers) answers.set(a.id, a);
    });

    after(async () => {
      await run?.dispose();
    });

    it('reads every file without a problem and flags the run', () => {
      assert.deepEqual(run.investigation.problems, []);
      assert.ok(run.investigation.stats.baselineEvents > 100, 'a month of normal life in the baseline');
      assert.equal(run.investigation.flagged, true);
    });

    it('answers every one of the eight questions with something that happened', () => {
      assert.equal(answers.size, 8);
      for (const a of answers.values()) assert.ok(a.items.length > 0, `${a.id}: ${a.summary}`);
    });

    it('tampering: the chat controls, the selectors that drop Q Business data events, the denied StopLogging and the log delivery', () => {
      const t = answer('tampering');
      assert.equal(t.flagged, true);
      const chat = find('tampering', (i) => i.detail.action === 'UpdateChatControlsConfiguration', 'chat controls');
      assert.equal(chat.detail.target, PROD_APPLICATION_ID);
      const selectors = find('tampering', (i) => i.detail.action === 'PutEventSelectors', 'selectors');
      assert.equal(selectors.detail.target, ACCOUNT_TRAIL_ARN);
      assert.equal(selectors.detail.q_business_data_events_selected, false);
      const stop = find('tampering', (i) => i.detail.action === 'StopLogging', 'StopLogging');
      assert.equal(stop.detail.target, ORGANIZATION_TRAIL_ARN);
      assert.equal(stop.detail.outcome, 'failed');
      assert.equal(stop.detail.error_code, 'AccessDenied');
      const delivery = find('tampering', (i) => i.detail.action === 'DeleteDelivery', 'log delivery');
      assert.equal(delivery.detail.target, DELETED_DELIVERY_ID);
      for (const i of t.items) assert.equal(i.detail.principal_names, CONTRACTOR_ARN, i.label);
      // The responders' restoring changes come after the window.
      assert.equal(t.items.length, 4);
    });

    it('unknown activity: contractor-temp, 192.0.2.66 and the burst of AccessDenied, and nothing of normal life', () => {
      const u = answer('unknown_activity');
      assert.equal(u.flagged, true);
      const novel = (kind: string): unknown[] => u.items.filter((i) => i.detail.kind === kind).map((i) => i.detail.value);
      assert.deepEqual(novel('principal'), [CONTRACTOR_ARN]);
      assert.deepEqual(novel('source_ip'), ['192.0.2.66']);
      assert.equal(novel('user_agent').length, 1);
      assert.match(String(novel('user_agent')[0]), /^Boto3\//);
      const burst = find('unknown_activity', (i) => i.detail.kind === 'access_denied_burst', 'burst');
      assert.equal(burst.detail.value, CONTRACTOR_ARN);
      assert.ok(Number(burst.detail.denied_in_bursts) >= 12, String(burst.detail.denied_in_bursts));
      const first = Date.parse(burst.events[0].eventTime);
      const twelfth = Date.parse(burst.events[11].eventTime);
      assert.ok(twelfth - first <= 3 * 60_000, '12 refusals within 3 minutes');
      // New event names are the contractor's and Q's new calls, never the baseline's everyday ones.
      const names = novel('event_name');
      for (const known of ['Chat', 'ListConversations', 'BatchPutDocument', 'GenerateCompletions', 'SendMessage', 'GetMetricData']) assert.ok(!names.includes(known), known);
      for (const fresh of ['CreatePlugin', 'ChatSync', 'BatchDeleteDocument', 'UpdateChatControlsConfiguration', 'DeleteWebExperience']) assert.ok(names.includes(fresh), fresh);
    });

    it('plugins: the custom plugin was created and used, its actions run', () => {
      const p = find('plugins', (i) => i.detail.plugin_id === CONTRACTOR_PLUGIN_ID, 'the contractor plugin');
      assert.equal(p.detail.plugin_type, 'CUSTOM');
      assert.equal(p.detail.name, 'doc-sync-helper');
      assert.equal(p.detail.created, 1);
      assert.ok(Number(p.detail.used) > 0 && Number(p.detail.actions_executed) > 0, JSON.stringify(p.detail));
      assert.equal(p.detail.deleted, 0, 'deleted only after the window');
    });

    it('resources: the plugin created and the web experience deleted', () => {
      find('resources_created_deleted', (i) => i.detail.kind === 'plugin' && i.detail.id === CONTRACTOR_PLUGIN_ID && i.detail.operation === 'create', 'plugin created');
      const web = find('resources_created_deleted', (i) => i.detail.kind === 'web_experience' && i.detail.operation === 'delete', 'web experience deleted');
      assert.equal(web.detail.id, DELETED_WEB_EXPERIENCE_ID);
      assert.equal(web.events[0].principal, CONTRACTOR_ARN);
    });

    it('documents: the contractor uploaded three and deleted two, beside the nightly ingestion', () => {
      const mine = (action: string) => (i: AnswerItem): boolean => i.detail.principal_key === CONTRACTOR_ARN && i.detail.action === action;
      assert.equal(find('documents', mine('uploaded'), 'contractor upload').detail.documents, 3);
      assert.equal(find('documents', mine('deleted'), 'contractor deletion').detail.documents, 2);
      find('documents', (i) => i.detail.principal === 'svc-q-ingest' && i.detail.action === 'uploaded', 'nightly ingestion');
    });

    it('applications: employees and the contractor chatted with the knowledge assistant', () => {
      const contractor = find('application_access', (i) => i.detail.principal_key === CONTRACTOR_ARN, 'contractor');
      assert.equal(contractor.detail.application_id, PROD_APPLICATION_ID);
      assert.equal(contractor.detail.used, true);
      assert.ok(Number(contractor.detail.denied) > 0);
      // The employees chat through the web experience: identity-enhanced sessions of the QBusinessUsers role, keyed by their Identity Center user.
      assert.ok(answer('application_access').items.filter((i) => String(i.detail.principal_key).startsWith('identitycenter:') && i.detail.used).length >= 2);
    });

    it('IDE: Q Developer from VS Code and JetBrains, by Identity Center users', () => {
      const clients = answer('ide_usage').items.map((i) => [i.detail.principal, i.detail.client]);
      assert.deepEqual(clients.find(([, c]) => c === 'Amazon Q for VS Code')?.[0], 'identitycenter:94482488-3041-7026-18f3-be45837cd0e4');
      assert.ok(clients.some(([, c]) => c === 'Amazon Q for JetBrains'));
    });

    it('actions by Q: EC2 and S3 read for the developer (invokedBy q.amazonaws.com)', () => {
      for (const [service, name] of [['ec2.amazonaws.com', 'DescribeInstances'], ['s3.amazonaws.com', 'ListBuckets']]) {
        const row = find('actions_by_q', (i) => i.detail.service === service && i.detail.event_name === name, name);
        assert.equal(row.detail.invoked_by, 'q.amazonaws.com');
        assert.match(String(row.detail.principal), /assumed-role\/AWSReservedSSO_DeveloperAccess_[0-9a-f]+\/felix\.braun@example\.com$/);
      }
    });
  });
});
