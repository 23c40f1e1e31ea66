// The CloudTrail log layout (which folders a query can skip) and the parser of one file's bytes
// (gzip or plain, corrupt input, malformed records, the window, regions and scope).
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import { malformedMessage, MAX_LOG_FILE_BYTES, parseLogFile, recordTexts, type ParseFilter } from '../../runner/investigate/sources/log-file-parser.js';
import { dayFoldersOf, folderPlace, folderWanted, isGzipName, isLogFileName } from '../../runner/investigate/sources/log-files.js';
import type { SourceQuery } from '../../runner/investigate/sources/source.js';
import { ACCOUNT, assumedRole, qbusinessDataEvent, record, trailFile } from './records.js';

const segs = (path: string): string[] => path.split('/').filter((s) => s !== '');
const ms = (iso: string): number => Date.parse(iso);

/** 2026-11-25 00:00 to 2026-11-27 00:00 (exclusive): day folders 25, 26 and 27 may hold its events. */
const QUERY: SourceQuery = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-27T00:00:00Z'), regions: ['us-east-1', 'eu-west-1'] };

describe('CloudTrail log layout', () => {
  it('names log files by extension and gzip by .gz', () => {
    assert.equal(isLogFileName('111122223333_CloudTrail_us-east-1_20261125T1005Z_Ab.json.gz'), true);
    assert.equal(isLogFileName('export.JSON'), true);
    assert.equal(isLogFileName('notes.txt'), false);
    assert.equal(isLogFileName('digest.json.gz.sig'), false);
    assert.equal(isGzipName('a.json.gz'), true);
    assert.equal(isGzipName('a.json'), false);
  });

  it('reads region and date from trail and organization-trail folders, under any key prefix', () => {
    assert.deepEqual(folderPlace(segs(`AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1/2026/11/25`)), {
      notCloudTrail: false, region: 'eu-west-1', span: { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z') },
    });
    assert.deepEqual(folderPlace(segs(`/mnt/x/trail-prefix/AWSLogs/o-exampleorg1/${ACCOUNT}/CloudTrail/us-gov-west-1/2026/02`)), {
      notCloudTrail: false, region: 'us-gov-west-1', span: { start: ms('2026-02-01T00:00:00Z'), end: ms('2026-03-01T00:00:00Z') },
    });
    assert.deepEqual(folderPlace(segs(`AWSLogs/${ACCOUNT}/CloudTrail/ap-southeast-2/2025`)).span, { start: ms('2025-01-01T00:00:00Z'), end: ms('2026-01-01T00:00:00Z') });
  });

  it('recognises nothing where the layout is not followed, so nothing there is skipped', () => {
    for (const path of ['/home/me/exports', '/home/me/CloudTrail/exports/2026/11/01', `AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/latest`, 'AWSLogs/not-an-account/Config']) {
      const place = folderPlace(segs(path));
      assert.equal(place.notCloudTrail, false, path);
      assert.equal(place.span, null, path);
      assert.equal(folderWanted(segs(path), QUERY), true, path);
    }
    // An impossible day narrows to the month only.
    assert.deepEqual(folderPlace(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/02/30`)).span, { start: ms('2026-02-01T00:00:00Z'), end: ms('2026-03-01T00:00:00Z') });
  });

  it('skips digest and Insights folders and other services\' logs beside CloudTrail', () => {
    for (const path of [`AWSLogs/${ACCOUNT}/CloudTrail-Digest`, `AWSLogs/o-exampleorg1/${ACCOUNT}/CloudTrail-Insight/us-east-1/2026`, `AWSLogs/${ACCOUNT}/Config`, `AWSLogs/${ACCOUNT}/elasticloadbalancing/us-east-1`, 'copy/CloudTrail-Digest']) {
      assert.equal(folderWanted(segs(path), QUERY), false, path);
    }
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}`), QUERY), true);
    assert.equal(folderWanted(segs('AWSLogs/o-exampleorg1'), QUERY), true);
  });

  it('skips regions not asked for, unless every region is', () => {
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/ap-south-1`), QUERY), false);
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/eu-west-1`), QUERY), true);
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/ap-south-1/2026/11/25`), { ...QUERY, regions: null }), true);
  });

  it('keeps the day folders from the start day to the day after the last day (late delivery)', () => {
    const day = (d: string): boolean => folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/${d}`), QUERY);
    assert.deepEqual(['23', '24', '25', '26', '27', '28'].filter(day), ['25', '26', '27']);
    const month = (m: string): boolean => folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/${m}`), QUERY);
    assert.deepEqual(['10', '11', '12'].filter(month), ['11']);
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2025`), QUERY), false);
    // A window ending on the last day of a month reaches into the next month's first folder.
    const monthEnd: SourceQuery = { start: ms('2026-11-30T12:00:00Z'), end: ms('2026-11-30T23:00:00Z'), regions: null };
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/12/01`), monthEnd), true);
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/12/02`), monthEnd), false);
    assert.equal(folderWanted(segs(`AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/11/29`), monthEnd), false);
  });

  it('lists the window\'s day folders, or none for an open or long window', () => {
    assert.deepEqual(dayFoldersOf(QUERY, 62), ['2026/11/25', '2026/11/26', '2026/11/27']);
    assert.deepEqual(dayFoldersOf({ ...QUERY, start: ms('2026-12-31T10:00:00Z'), end: ms('2027-01-01T00:00:00Z') }, 62), ['2026/12/31', '2027/01/01']);
    assert.equal(dayFoldersOf({ ...QUERY, start: ms('2026-01-01T00:00:00Z') }, 62), null);
    assert.equal(dayFoldersOf({ ...QUERY, start: -Infinity }, 62), null);
  });
});

describe('parseLogFile', () => {
  const catalogue = loadEventCatalogue();
  const ALL: ParseFilter = { start: ms('2026-11-01T00:00:00Z'), end: ms('2026-12-01T00:00:00Z'), regions: null };
  const chat = qbusinessDataEvent('Chat', { eventTime: '2026-11-25T10:00:00Z' });
  const s3Read = record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventCategory: 'Data' });
  const stopLogging = record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', region: 'eu-west-1' });

  it('reads gzip and plain files alike and keeps only Amazon Q and related events', () => {
    const records = [chat, s3Read, stopLogging];
    for (const [bytes, gzip] of [[trailFile(records), true], [Buffer.from(JSON.stringify({ Records: records })), false]] as const) {
      const parsed = parseLogFile(bytes, gzip, ALL, catalogue);
      assert.equal(parsed.problem, null);
      assert.equal(parsed.records, 3);
      assert.equal(parsed.malformed, 0);
      assert.deepEqual(parsed.events.map((e) => [e.eventName, e.scope]), [['Chat', 'q'], ['StopLogging', 'related']]);
    }
  });

  it('decompresses a gzip file whatever its name says', () => {
    assert.deepEqual(parseLogFile(trailFile([chat]), false, ALL, catalogue).events.map((e) => e.eventId), [chat.eventID]);
  });

  it('drops events outside [start, end) and outside the regions', () => {
    const at = (eventTime: string, region = 'us-east-1') => qbusinessDataEvent('Chat', { eventTime, region });
    const records = [at('2026-11-24T23:59:59Z'), at('2026-11-25T00:00:00Z'), at('2026-11-25T23:59:59Z'), at('2026-11-26T00:00:00Z'), at('2026-11-25T12:00:00Z', 'ap-south-1')];
    const filter: ParseFilter = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z'), regions: ['us-east-1'] };
    const parsed = parseLogFile(trailFile(records), true, filter, catalogue);
    assert.equal(parsed.records, 5);
    assert.deepEqual(parsed.events.map((e) => e.eventTime), ['2026-11-25T00:00:00Z', '2026-11-25T23:59:59Z']);
  });

  it('drops IAM/STS/CloudTrail events before relatedSince (the baseline needs only Amazon Q activity)', () => {
    const before = '2026-11-20T10:00:00Z';
    const after = '2026-11-26T10:00:00Z';
    const records = [
      qbusinessDataEvent('Chat', { eventTime: before }),
      record({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', eventTime: before }),
      record({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', eventTime: after }),
    ];
    const parsed = parseLogFile(trailFile(records), true, { ...ALL, relatedSince: ms('2026-11-25T00:00:00Z') }, catalogue);
    assert.deepEqual(parsed.events.map((e) => `${e.eventName} ${e.eventTime}`), [`Chat ${before}`, `AssumeRole ${after}`]);
    assert.equal(parsed.records, 3);
  });

  it('counts records without eventTime/eventSource/eventName and keeps the others', () => {
    const noTime = { ...chat };
    delete noTime.eventTime;
    const parsed = parseLogFile(trailFile([chat, noTime, 'text', null, { ...stopLogging, eventName: 7 }] as never), true, ALL, catalogue);
    assert.equal(parsed.problem, null);
    assert.equal(parsed.records, 5);
    assert.equal(parsed.malformed, 4);
    assert.equal(parsed.events.length, 1);
    assert.equal(malformedMessage(4), '4 records without eventTime/eventSource/eventName');
    assert.equal(malformedMessage(1), '1 record without eventTime/eventSource/eventName');
  });

  it('reports a truncated gzip, non-gzip bytes, invalid JSON and a missing Records array', () => {
    const whole = trailFile([chat, stopLogging]);
    const cases: [Uint8Array, boolean, RegExp][] = [
      [whole.subarray(0, whole.length - 20), true, /^cannot decompress: unexpected end of file/],
      [Buffer.from('PK\u0003\u0004 a zip file'), true, /^not a gzip file/],
      [gzipSync('{"Records": [{"eventTime": '), true, /^invalid JSON: /],
      [Buffer.from('{"Records": ['), false, /^invalid JSON: /],
      [gzipSync(JSON.stringify({ configurationItems: [] })), true, /no "Records" array/],
      [gzipSync('null'), true, /no "Records" array/],
      [gzipSync(JSON.stringify({ Records: { eventName: 'Chat' } })), true, /no "Records" array/],
    ];
    for (const [bytes, gzip, message] of cases) {
      const parsed = parseLogFile(bytes, gzip, ALL, catalogue);
      assert.match(parsed.problem ?? '', message);
      assert.deepEqual(parsed.events, []);
    }
  });

  describe('big files, record by record', () => {
    const RECORD_BY_RECORD = 0;

    it('gives what one JSON.parse gives, malformed records and all', () => {
      const noTime = { ...chat };
      delete noTime.eventTime;
      // Braces, brackets, quotes and backslashes inside values must not end a record.
      const tricky = qbusinessDataEvent('ChatSync', { eventTime: '2026-11-25T11:00:00Z', requestParameters: { applicationId: 'a', userMessage: 'he said "}]{[" \\ then \\"' } });
      const records = [chat, s3Read, noTime, 'text', null, 12.5, true, [chat], tricky, stopLogging] as never;
      for (const bytes of [trailFile(records), Buffer.from(JSON.stringify({ Records: records }, null, 2))]) {
        const whole = parseLogFile(bytes, false, ALL, catalogue);
        const byRecord = parseLogFile(bytes, false, ALL, catalogue, RECORD_BY_RECORD);
        assert.equal(whole.problem, null);
        assert.deepEqual(byRecord, whole);
        assert.equal(byRecord.records, 10);
        assert.equal(byRecord.malformed, 6);
        assert.deepEqual(byRecord.events.map((e) => e.eventName), ['Chat', 'ChatSync', 'StopLogging']);
      }
    });

    it('reports truncated and invalid text as invalid JSON', () => {
      const text = JSON.stringify({ Records: [chat, stopLogging] });
      const cases: [string, RegExp][] = [
        [text.slice(0, text.length - 30), /not closed/],
        [text.replace('"eventSource"', 'eventSource'), /invalid JSON/],
        [`${text.slice(0, -1)}, "More": 1}`, /unexpected content/],
        ['{"Other": [], "Records": []}', /no "Records" array first/],
      ];
      for (const [bad, message] of cases) {
        const parsed = parseLogFile(Buffer.from(bad), false, ALL, catalogue, RECORD_BY_RECORD);
        assert.match(parsed.problem ?? '', message, bad.slice(0, 40));
        assert.deepEqual(parsed.events, []);
      }
      assert.deepEqual([...recordTexts('{"Records":[]}')], []);
    });

    it('refuses a file that decompresses beyond the limit, by name of the limit', function () {
      this.timeout(20_000);
      const bomb = gzipSync(Buffer.alloc(MAX_LOG_FILE_BYTES + 1, 0x20));
      const parsed = parseLogFile(bomb, true, ALL, catalogue);
      assert.match(parsed.problem ?? '', /decompresses to more than 256 MB; not parsed/);
    });
  });

  it('normalises what it keeps (the principal of an assumed role)', () => {
    const [event] = parseLogFile(trailFile([qbusinessDataEvent('BatchPutDocument', { userIdentity: assumedRole('Uploader', 'dave') })]), true, ALL, catalogue).events;
    assert.equal(event.principal.key, `arn:aws:sts::${ACCOUNT}:assumed-role/Uploader/dave`);
    assert.equal(event.applicationId !== null, true);
  });
});
