// The investigation output registry: one entry per format, file names
// qready-investigation-<account or 'multi'>-<YYYYMMDDHHmmss>.<ext>, and every format written
// atomically into the output folder.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  findInvestigationFormat,
  INVESTIGATION_FORMATS,
  investigationReportPath,
  type InvestigationFormat,
} from '../../reports/investigation/investigation-files.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { SAMPLE_ACCOUNT, sampleInvestigation } from './investigation-sample.js';

function format(name: string): InvestigationFormat {
  const f = findInvestigationFormat(name);
  assert.ok(f, name);
  return f;
}

describe('investigation output files', () => {
  it('registers json, csv and html with their extensions', () => {
    assert.deepEqual(
      INVESTIGATION_FORMATS.map((f) => [f.name, f.extension]),
      [
        ['json', 'json'],
        ['csv', 'timeline.csv'],
        ['html', 'html'],
      ],
    );
    assert.equal(findInvestigationFormat('junit'), undefined);
  });

  it('names files after the one account and the run start, else multi', () => {
    const { output } = sampleInvestigation();
    assert.equal(investigationReportPath('out', output, format('csv')), join('out', `qready-investigation-${SAMPLE_ACCOUNT}-20260308101530.timeline.csv`));
    output.investigation.run.accounts = [SAMPLE_ACCOUNT, '444455556666'];
    assert.equal(investigationReportPath('out', output, format('json')), join('out', 'qready-investigation-multi-20260308101530.json'));
    output.investigation.run.accounts = [];
    assert.equal(investigationReportPath('out', output, format('html')), join('out', 'qready-investigation-multi-20260308101530.html'));
    // The account id comes from the logs: anything but 12 digits never becomes part of a path.
    output.investigation.run.accounts = ['../../etc/cron.d/x'];
    assert.equal(investigationReportPath('out', output, format('html')), join('out', 'qready-investigation-multi-20260308101530.html'));
  });

  it('writes every format into the folder, leaving no temporary file', async function () {
    this.timeout(20000);
    const dir = makeTmp('qready-inv-files-');
    try {
      const { output } = sampleInvestigation({ extraEvents: 300 });
      for (const f of INVESTIGATION_FORMATS) await f.write(output, investigationReportPath(join(dir, 'out'), output, f));
      assert.deepEqual(readdirSync(join(dir, 'out')).sort(), [
        `qready-investigation-${SAMPLE_ACCOUNT}-20260308101530.html`,
        `qready-investigation-${SAMPLE_ACCOUNT}-20260308101530.json`,
        `qready-investigation-${SAMPLE_ACCOUNT}-20260308101530.timeline.csv`,
      ]);
    } finally {
      removeTmp(dir);
    }
  });
});
