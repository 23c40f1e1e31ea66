// Event-selector coverage, table-driven: every operator on resources.ARN (for one ARN and for a
// family of ARNs), AND within a selector, OR across selectors, eventName and readOnly
// restrictions, classic selectors, management events, and the trail-level rules (region, logging,
// unknown data).
import assert from 'node:assert/strict';
import {
  arnExclusion,
  dataEventCoverage,
  dataEventsCovered,
  fieldAdmits,
  managementEventCoverage,
  trailCapturesDataEvents,
  trailRecordsManagementEvents,
  type ArnTarget,
  type CoverageTrail,
} from '../../runner/evaluate/evaluators/event-selector.js';
import type { AdvancedEventSelector, AdvancedFieldSelector, CloudTrailSelectors, FieldOperator } from '../../runner/sources/cloudtrail-sources.js';

const APP = 'arn:aws:qbusiness:eu-west-1:123456789012:application/a1b2c3d4-0000-0000-0000-000000000001';
const OTHER_APP = 'arn:aws:qbusiness:eu-west-1:123456789012:application/ffffffff-0000-0000-0000-000000000009';
const APP_TYPE = 'AWS::QBusiness::Application';
const INDEX_TYPE = 'AWS::QBusiness::Index';

const data = { Field: 'eventCategory', Equals: ['Data'] };
const type = (...types: string[]) => ({ Field: 'resources.type', Equals: types });
const arnField = (op: FieldOperator, ...values: string[]): AdvancedFieldSelector => ({ Field: 'resources.ARN', [op]: values });
const sel = (Name: string, ...fields: AdvancedFieldSelector[]): AdvancedEventSelector => ({ Name, FieldSelectors: fields });
const advanced = (...selectors: AdvancedEventSelector[]): CloudTrailSelectors => ({ event_selectors: [], advanced_event_selectors: selectors });
const appSelector = (...extra: AdvancedFieldSelector[]) => sel('q', data, type(APP_TYPE), ...extra);

describe('event-selector coverage', () => {
  describe('fieldAdmits: each operator, values ORed for positive and all missed for negative operators', () => {
    const cases: [string, AdvancedFieldSelector, string, boolean][] = [
      ['Equals, one value matching', { Field: 'f', Equals: ['a'] }, 'a', true],
      ['Equals, any of several', { Field: 'f', Equals: ['x', 'a'] }, 'a', true],
      ['Equals, none matching', { Field: 'f', Equals: ['x', 'y'] }, 'a', false],
      ['Equals is exact (no prefix match)', { Field: 'f', Equals: ['ab'] }, 'a', false],
      ['NotEquals, value not listed', { Field: 'f', NotEquals: ['x', 'y'] }, 'a', true],
      ['NotEquals, value listed', { Field: 'f', NotEquals: ['x', 'a'] }, 'a', false],
      ['StartsWith, a prefix', { Field: 'f', StartsWith: ['zz', 'ab'] }, 'abc', true],
      ['StartsWith, no prefix', { Field: 'f', StartsWith: ['b'] }, 'abc', false],
      ['NotStartsWith, no prefix', { Field: 'f', NotStartsWith: ['b', 'c'] }, 'abc', true],
      ['NotStartsWith, one prefix', { Field: 'f', NotStartsWith: ['b', 'ab'] }, 'abc', false],
      ['EndsWith, a suffix', { Field: 'f', EndsWith: ['x', 'bc'] }, 'abc', true],
      ['EndsWith, no suffix', { Field: 'f', EndsWith: ['ab'] }, 'abc', false],
      ['NotEndsWith, no suffix', { Field: 'f', NotEndsWith: ['ab'] }, 'abc', true],
      ['NotEndsWith, one suffix', { Field: 'f', NotEndsWith: ['x', 'c'] }, 'abc', false],
      ['operators of one field are ANDed: both hold', { Field: 'f', StartsWith: ['a'], NotEndsWith: ['z'] }, 'abc', true],
      ['operators of one field are ANDed: one fails', { Field: 'f', StartsWith: ['a'], NotEndsWith: ['c'] }, 'abc', false],
      ['an empty operator list is ignored', { Field: 'f', Equals: [], StartsWith: ['a'] }, 'abc', true],
    ];
    for (const [name, field, value, expected] of cases) it(name, () => assert.equal(fieldAdmits(field, value), expected));
  });

  describe('resources.ARN against one ARN', () => {
    const cases: [string, AdvancedFieldSelector, boolean][] = [
      ['Equals the ARN', arnField('Equals', APP), true],
      ['Equals another ARN excludes it', arnField('Equals', OTHER_APP), false],
      ['NotEquals another ARN', arnField('NotEquals', OTHER_APP), true],
      ['NotEquals the ARN excludes it', arnField('NotEquals', APP), false],
      ['StartsWith the account\'s application prefix', arnField('StartsWith', 'arn:aws:qbusiness:eu-west-1:123456789012:application/'), true],
      ['StartsWith another region excludes it', arnField('StartsWith', 'arn:aws:qbusiness:us-east-1:'), false],
      ['NotStartsWith another prefix', arnField('NotStartsWith', 'arn:aws:qbusiness:us-east-1:'), true],
      ['NotStartsWith its own prefix excludes it', arnField('NotStartsWith', 'arn:aws:qbusiness:eu-west-1:'), false],
      ['EndsWith its id', arnField('EndsWith', '000000000001'), true],
      ['EndsWith another id excludes it', arnField('EndsWith', '000000000009'), false],
      ['NotEndsWith another id', arnField('NotEndsWith', '000000000009'), true],
      ['NotEndsWith its id excludes it', arnField('NotEndsWith', '000000000001'), false],
    ];
    for (const [name, field, admitted] of cases) {
      it(`${name}: ${admitted ? 'covered' : 'not covered'}`, () => {
        assert.equal(arnExclusion(field, { arn: APP }) === null, admitted);
        const c = dataEventCoverage(advanced(appSelector(field)), APP_TYPE, { arn: APP });
        assert.equal(c.covered, admitted);
        if (!admitted) assert.match(c.reason, new RegExp(`resources\\.ARN ${Object.keys(field).find((k) => k !== 'Field') ?? ''} .* leaves out`));
      });
    }
  });

  describe('resources.ARN against every ARN under a prefix (an application\'s indices)', () => {
    const family: ArnTarget = { prefix: `${APP}/index/` };
    const cases: [string, AdvancedFieldSelector, boolean][] = [
      ['no ARN condition', { Field: 'eventName', Equals: [] }, true],
      ['StartsWith the application', arnField('StartsWith', `${APP}/`), true],
      ['StartsWith the family prefix itself', arnField('StartsWith', `${APP}/index/`), true],
      ['StartsWith one index only', arnField('StartsWith', `${APP}/index/idx-1`), false],
      ['Equals one index only', arnField('Equals', `${APP}/index/idx-1`), false],
      ['EndsWith cannot match every unknown id', arnField('EndsWith', '/index/idx-1'), false],
      ['NotEquals another application\'s index', arnField('NotEquals', `${OTHER_APP}/index/idx-1`), true],
      ['NotEquals one of its indices', arnField('NotEquals', `${APP}/index/idx-1`), false],
      ['NotStartsWith another application', arnField('NotStartsWith', OTHER_APP), true],
      ['NotStartsWith the application', arnField('NotStartsWith', APP), false],
      ['NotStartsWith one of its indices', arnField('NotStartsWith', `${APP}/index/idx-1`), false],
      ['NotEndsWith may exclude some index', arnField('NotEndsWith', '-test'), false],
    ];
    for (const [name, field, admitted] of cases) {
      it(`${name}: ${admitted ? 'all covered' : 'not all covered'}`, () => {
        const fields = field.Field === 'resources.ARN' ? [field] : [];
        const c = dataEventCoverage(advanced(sel('idx', data, type(INDEX_TYPE), ...fields)), INDEX_TYPE, family);
        assert.equal(c.covered, admitted, c.reason);
      });
    }
  });

  describe('a selector and a set of selectors', () => {
    const target = { arn: APP };
    const cases: [string, CloudTrailSelectors, boolean, RegExp?][] = [
      ['the documented selector (eventCategory Data, resources.type Application)', advanced(appSelector()), true],
      ['resources.type listing several types including the application', advanced(sel('q', data, type(INDEX_TYPE, APP_TYPE))), true],
      ['another resource type only', advanced(sel('idx', data, type(INDEX_TYPE))), false, /does not select AWS::QBusiness::Application/],
      ['management events only', advanced(sel('mgmt', { Field: 'eventCategory', Equals: ['Management'] })), false, /does not select data events/],
      ['no eventCategory field', advanced(sel('x', type(APP_TYPE))), false, /does not select data events/],
      ['no resources.type field', advanced(sel('x', data)), false, /does not select AWS::QBusiness::Application/],
      ['an eventName filter, even listing many events', advanced(appSelector({ Field: 'eventName', Equals: ['Chat', 'ChatSync'] })), false, /filters on eventName/],
      ['an eventName NotEquals filter', advanced(appSelector({ Field: 'eventName', NotEquals: ['ListConversations'] })), false, /filters on eventName/],
      ['another narrowing field (userIdentity.arn)', advanced(appSelector({ Field: 'userIdentity.arn', NotStartsWith: ['arn:aws:sts::123456789012:assumed-role/bot'] })), false, /filters on userIdentity\.arn/],
      ['readOnly true only', advanced(appSelector({ Field: 'readOnly', Equals: ['true'] })), false, /read-only events only/],
      ['readOnly false only', advanced(appSelector({ Field: 'readOnly', Equals: ['false'] })), false, /write-only events only/],
      ['readOnly Equals true and false', advanced(appSelector({ Field: 'readOnly', Equals: ['true', 'false'] })), true],
      ['a read-only and a write-only selector together (OR across selectors)', advanced(
        sel('reads', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['true'] }),
        sel('writes', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['false'] }),
      ), true],
      ['two read-only selectors do not add up to all', advanced(
        sel('reads', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['true'] }),
        sel('reads2', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['true'] }),
      ), false],
      ['a read-only selector and a write-only selector that excludes the ARN', advanced(
        sel('reads', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['true'] }),
        sel('writes', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['false'] }, arnField('NotEquals', APP)),
      ), false],
      ['an excluding selector and a covering one (OR across selectors)', advanced(
        sel('other-app', data, type(APP_TYPE), arnField('Equals', OTHER_APP)),
        sel('all', data, type(APP_TYPE)),
      ), true],
      ['AND within a selector: the ARN condition of the same selector still applies', advanced(
        sel('mixed', data, type(APP_TYPE), arnField('StartsWith', 'arn:aws:qbusiness:eu-west-1:'), arnField('NotEndsWith', '000000000001')),
      ), false],
      ['classic event selectors cannot log these events', { event_selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [{ Type: 'AWS::S3::Object', Values: ['arn:aws:s3'] }] }], advanced_event_selectors: [] }, false, /classic event selectors/],
      ['no selectors at all', { event_selectors: [], advanced_event_selectors: [] }, false, /no event selectors/],
    ];
    for (const [name, selectors, covered, reason] of cases) {
      it(`${name}: ${covered ? 'covered' : 'not covered'}`, () => {
        const c = dataEventCoverage(selectors, APP_TYPE, target);
        assert.equal(c.covered, covered, c.reason);
        if (reason) assert.match(c.reason, reason);
      });
    }

    it('names the selectors that cover (one, or the read-only and write-only pair)', () => {
      assert.deepEqual(dataEventCoverage(advanced(appSelector()), APP_TYPE, target).via, ['"q"']);
      const pair = advanced(
        sel('reads', data, type(APP_TYPE), { Field: 'readOnly', Equals: ['true'] }),
        { FieldSelectors: [data, type(APP_TYPE), { Field: 'readOnly', Equals: ['false'] }] },
      );
      assert.deepEqual(dataEventCoverage(pair, APP_TYPE, target).via, ['"reads"', '#2']);
    });
  });

  describe('management events', () => {
    const mgmt = (...fields: AdvancedFieldSelector[]) => sel('mgmt', { Field: 'eventCategory', Equals: ['Management'] }, ...fields);
    const cases: [string, CloudTrailSelectors, boolean, RegExp?][] = [
      ['classic: IncludeManagementEvents true, ReadWriteType All', { event_selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true }], advanced_event_selectors: [] }, true],
      ['classic: the API defaults when absent', { event_selectors: [{}], advanced_event_selectors: [] }, true],
      ['classic: WriteOnly', { event_selectors: [{ ReadWriteType: 'WriteOnly', IncludeManagementEvents: true }], advanced_event_selectors: [] }, false, /only read or only write/],
      ['classic: ReadOnly and WriteOnly selectors are not a single All selector', { event_selectors: [{ ReadWriteType: 'ReadOnly' }, { ReadWriteType: 'WriteOnly' }], advanced_event_selectors: [] }, false],
      ['classic: management events excluded', { event_selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: false }], advanced_event_selectors: [] }, false, /no management events/],
      ['advanced: eventCategory Management, no readOnly', advanced(mgmt()), true],
      ['advanced: with eventSource exclusions still records reads and writes', advanced(mgmt({ Field: 'eventSource', NotEquals: ['kms.amazonaws.com'] })), true],
      ['advanced: readOnly false only', advanced(mgmt({ Field: 'readOnly', Equals: ['false'] })), false, /only read or only write/],
      ['advanced: data events only', advanced(appSelector()), false, /no management events/],
    ];
    for (const [name, selectors, covered, reason] of cases) {
      it(`${name}: ${covered ? 'records' : 'does not record'} read and write management events`, () => {
        const c = managementEventCoverage(selectors);
        assert.equal(c.covered, covered);
        if (reason) assert.match(c.reason, reason);
      });
    }
  });

  describe('trails', () => {
    const trail = (o: Partial<CoverageTrail> = {}): CoverageTrail => ({
      name: 'main', arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main', home_region: 'us-east-1', is_multi_region: true, is_logging: true,
      selectors: advanced(appSelector(), sel('mgmt', { Field: 'eventCategory', Equals: ['Management'] })), ...o,
    });
    const target = { arn: APP };

    it('a multi-region trail covers every region; a single-region trail only its home region', () => {
      assert.equal(trailCapturesDataEvents(trail(), 'eu-west-1', APP_TYPE, target).verdict, 'yes');
      assert.equal(trailCapturesDataEvents(trail({ is_multi_region: false }), 'eu-west-1', APP_TYPE, target).verdict, 'no');
      assert.equal(trailCapturesDataEvents(trail({ is_multi_region: false, home_region: 'eu-west-1' }), 'eu-west-1', APP_TYPE, target).verdict, 'yes');
    });

    it('a trail that is not logging covers nothing, even when its selectors are unknown', () => {
      assert.deepEqual(trailCapturesDataEvents(trail({ is_logging: false }), 'eu-west-1', APP_TYPE, target).reason, 'it is not logging');
      assert.equal(trailCapturesDataEvents(trail({ is_logging: false, selectors: null }), 'eu-west-1', APP_TYPE, target).verdict, 'no');
    });

    it('unknown selectors or status make the trail unknown, unless the known part already says no', () => {
      assert.deepEqual(trailCapturesDataEvents(trail({ selectors: null, unknown: 'event selectors: missing permission' }), 'eu-west-1', APP_TYPE, target), {
        trail: 'main', arn: 'arn:aws:cloudtrail:us-east-1:123456789012:trail/main', verdict: 'unknown', reason: 'event selectors: missing permission',
      });
      assert.equal(trailCapturesDataEvents(trail({ is_logging: null }), 'eu-west-1', APP_TYPE, target).verdict, 'unknown');
      assert.equal(trailCapturesDataEvents(trail({ is_logging: null, selectors: advanced() }), 'eu-west-1', APP_TYPE, target).verdict, 'no');
    });

    it('dataEventsCovered: any trail covering wins over unknown ones; no covering trail with an unknown one is null', () => {
      const unknown = trail({ name: 'org', arn: 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org', selectors: null });
      assert.equal(dataEventsCovered([unknown, trail()], 'eu-west-1', APP_TYPE, target).covered, true);
      assert.equal(dataEventsCovered([unknown, trail({ is_logging: false })], 'eu-west-1', APP_TYPE, target).covered, null);
      assert.equal(dataEventsCovered([trail({ is_logging: false })], 'eu-west-1', APP_TYPE, target).covered, false);
      assert.equal(dataEventsCovered([], 'eu-west-1', APP_TYPE, target).covered, false);
      assert.equal(dataEventsCovered([], 'eu-west-1', APP_TYPE, target, false).covered, null, 'the region\'s own trails could not be listed');
      assert.equal(dataEventsCovered([trail()], 'eu-west-1', APP_TYPE, target, false).covered, true, 'a known covering trail is enough');
      const single = trail({ is_multi_region: false });
      assert.deepEqual(dataEventsCovered([single], 'eu-west-1', APP_TYPE, target).trails, [], 'trails of other regions are not considered');
    });

    it('trailRecordsManagementEvents: multi-region, logging, read and write', () => {
      assert.equal(trailRecordsManagementEvents(trail()).verdict, 'yes');
      assert.equal(trailRecordsManagementEvents(trail({ is_multi_region: false })).verdict, 'no');
      assert.equal(trailRecordsManagementEvents(trail({ is_logging: false })).verdict, 'no');
      assert.equal(trailRecordsManagementEvents(trail({ is_logging: null })).verdict, 'unknown');
      assert.equal(trailRecordsManagementEvents(trail({ selectors: null })).verdict, 'unknown');
      assert.equal(trailRecordsManagementEvents(trail({ selectors: advanced(appSelector()) })).verdict, 'no');
    });
  });
});
