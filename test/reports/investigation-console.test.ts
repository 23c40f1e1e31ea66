// The console summary of `qready investigate`: window, source, counts, problems by name, every
// question with its summary and flagged rows (capped), and a last line that says whether
// tampering or unknown activity was found. Logged values cannot drive the terminal.
import assert from 'node:assert/strict';
import { investigationConsoleSummary, terminalSafe } from '../../reports/investigation/investigation-console.js';
import { quietInvestigation, sampleInvestigation } from './investigation-sample.js';

describe('investigation console summary', () => {
  it('says what was read, what could not be, and answers every question', () => {
    const { output } = sampleInvestigation();
    const text = investigationConsoleSummary(output);
    const lines = text.split('\n');
    assert.equal(lines[0], 'Investigation of Amazon Q activity from 2026-03-01 00:00:00 UTC to 2026-03-08 00:00:00 UTC');
    const records = output.investigation.stats.recordsRead;
    assert.ok(records > 1000);
    assert.ok(text.includes(`Source files:/var/incident/AWSLogs: ${records.toLocaleString('en-US')} records read from 48 files or pages`));
    assert.match(text, new RegExp(`${output.eventCount} events matched: ${output.investigation.stats.qEvents} Amazon Q, 4 IAM/STS/CloudTrail/Logs, 2 made by Amazon Q for a user`));
    for (const p of output.investigation.problems) assert.ok(text.includes(`PROBLEM ${p.where}: ${p.message}`), p.where);
    assert.match(text, /1 Amazon Q event with a name the catalogue does not know: qbusiness\.amazonaws\.com StartFrobnication ×1/);
    for (const a of output.investigation.answers) {
      assert.ok(text.includes(a.question), a.question);
      assert.ok(text.includes(a.summary), a.summary);
      for (const item of a.items) assert.equal(text.includes(`! ${item.label}`), item.flagged, item.label);
    }
    assert.match(text, /! logging stopped on trail org-trail {2}\(1 event; first 2026-03-02 09:06:00 UTC StopLogging by arn:aws:sts::111122223333:assumed-role\/QBusinessAdmin\/mallory from 203\.0\.113\.99\)/);
    assert.match(text, /… 3 more rows not listed/);
    assert.equal(lines[lines.length - 1], 'FOUND: tampering or unknown activity (tampering 3 rows, unknown_activity 4 rows); see the reports');
  });

  it('caps flagged rows and problems with "… N more"', () => {
    const { output } = sampleInvestigation();
    const text = investigationConsoleSummary(output, { maxItems: 1, maxProblems: 1 });
    assert.match(text, /! chat controls changed/);
    assert.ok(!text.includes('! data-event selectors replaced'));
    assert.match(text, /… 2 more flagged \(see the reports\)/);
    assert.match(text, /… 3 more flagged \(see the reports\)/);
    assert.equal((text.match(/PROBLEM /g) ?? []).length, 1);
    assert.match(text, /… 1 more problem \(see the JSON\)/);
  });

  it('ends with a clear line when nothing was flagged, and lists no problems when there were none', () => {
    const { output } = quietInvestigation();
    const text = investigationConsoleSummary(output);
    assert.ok(text.endsWith('\nNo tampering or unknown activity found.'));
    assert.ok(!text.includes('PROBLEM') && !text.includes('! '));
    assert.match(text, /nothing outside the baseline/);
  });

  it('shows filters when the run had any', () => {
    const { output } = sampleInvestigation();
    output.investigation.run.filters = { principals: ['arn:aws:iam::111122223333:user/alice'], regions: ['us-east-1'], applications: [] };
    assert.match(investigationConsoleSummary(output), /Filters: principals arn:aws:iam::111122223333:user\/alice; regions us-east-1\n/);
  });

  it('makes control characters in logged values visible instead of sending them to the terminal', () => {
    const { output } = sampleInvestigation({ hostile: true });
    const unknown = output.investigation.answers.find((a) => a.id === 'unknown_activity');
    assert.ok(unknown);
    unknown.items[0].label = 'source IP \u001b[2J\u001b]0;pwned\u0007 new';
    const text = investigationConsoleSummary(output);
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(text), 'no control character but the line breaks');
    assert.ok(text.includes('source IP \\u001b[2J\\u001b]0;pwned\\u0007 new'));
    assert.equal(terminalSafe('a\u202eb\nc'), 'a\\u202eb\\u000ac');
  });
});
