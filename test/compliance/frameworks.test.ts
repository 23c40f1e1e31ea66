// Compliance framework mappings: every file in check-metadata/frameworks validates, the mappings
// and the checks' `compliance` maps agree (and a planted disagreement of each kind is found), the
// CIS and FSBP ids of shared/CATALOGUE.md all have a requirement, bad files fail with file:line,
// and summarizeFramework gives the documented status in each case.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChecks } from '../../runner/checks/loader.js';
import type { Framework, FrameworkSummary, RequirementSummary } from '../../runner/compliance/compliance-types.js';
import {
  builtinFrameworksDir,
  CAF_FRAMEWORK_KEY,
  loadFrameworkFile,
  loadFrameworks,
  requirementStatusCounts,
  summarizeFramework,
  summarizeFrameworks,
  validateMappings,
  type MappedCheck,
} from '../../runner/compliance/frameworks.js';
import type { Finding, Status } from '../../runner/findings/finding.js';
import { packageRoot } from '../../runner/util/package-root.js';
import { schemaValidator } from '../../runner/util/schemas.js';
import { InputError, readYamlFile } from '../../runner/util/yaml-file.js';

const KEYS = ['amazon_q_ir_playbook', 'aws_caf', 'aws_fsbp', 'cis_aws_3.0', 'cis_aws_5.0'];

function builtinChecks(): MappedCheck[] {
  const { checks, errors } = loadChecks();
  assert.deepEqual(errors.map((e) => e.message), []);
  return checks.map((c) => c.doc);
}

function requirement(fw: Framework, id: string): Framework['requirements'][number] {
  const r = fw.requirements.find((x) => x.id === id);
  assert.ok(r, `${fw.key} has requirement ${id}`);
  return r;
}

function range(prefix: string, from: number, to: number): string[] {
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(`${prefix}${n}`);
  return out;
}

describe('compliance frameworks: the mapping files', () => {
  it('every file validates against framework.schema.json and loads, its key equal to its file name', () => {
    const files = readdirSync(builtinFrameworksDir()).filter((n) => n.endsWith('.yaml')).sort();
    assert.deepEqual(files, KEYS.map((k) => `${k}.yaml`));
    const validate = schemaValidator('framework');
    for (const file of files) {
      const y = readYamlFile(join(builtinFrameworksDir(), file));
      assert.ok(validate(y.value), `${file}: ${JSON.stringify(validate.errors)}`);
    }
    const frameworks = loadFrameworks();
    assert.deepEqual(frameworks.map((f) => f.key), KEYS);
    for (const fw of frameworks) {
      assert.ok(fw.name && fw.version && fw.requirements.length > 0, fw.key);
      assert.equal(new Set(fw.requirements.map((r) => r.id)).size, fw.requirements.length, `${fw.key}: unique requirement ids`);
    }
  });

  it('CIS v3.0.0 and v5.0.0 list all of sections 1 and 3 and 4.16, with the checks of the catalogue', () => {
    const [cis3, cis5] = ['cis_aws_3.0', 'cis_aws_5.0'].map((k) => loadFrameworks().find((f) => f.key === k) as Framework);
    assert.deepEqual(cis3.requirements.map((r) => r.id), [...range('1.', 1, 22), ...range('3.', 1, 9), '4.16']);
    assert.deepEqual(cis5.requirements.map((r) => r.id), [...range('1.', 1, 21), ...range('3.', 1, 9), '4.16']);
    assert.equal(requirement(cis3, '1.10').title, 'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password');
    assert.equal(requirement(cis5, '1.19').title, 'Ensure that IAM External Access Analyzer is enabled for all regions');
    assert.equal(requirement(cis3, '4.16').title, 'Ensure AWS Security Hub is enabled');
    assert.deepEqual(requirement(cis3, '1.12').checks, ['iam_user_console_access_unused', 'iam_user_accesskey_unused']);
    assert.deepEqual(requirement(cis5, '1.11').checks, ['iam_user_console_access_unused', 'iam_user_accesskey_unused']);
    assert.deepEqual(requirement(cis3, '3.1').checks, ['cloudtrail_multi_region_enabled']);
    assert.deepEqual(requirement(cis3, '1.1').checks, [], 'contact details are not something qready can read: not covered');
  });

  it('AWS CAF lists the nine capabilities, each with the four control types', () => {
    const caf = loadFrameworks().find((f) => f.key === CAF_FRAMEWORK_KEY) as Framework;
    assert.equal(caf.requirements.length, 36);
    assert.equal(new Set(caf.requirements.map((r) => r.section)).size, 9);
    for (const r of caf.requirements) assert.match(r.id, /^[a-z_]+\.(directive|preventive|detective|responsive)$/);
    assert.ok(requirement(caf, 'iam.preventive').checks.includes('iam_root_mfa_enabled'));
    assert.ok(requirement(caf, 'incident_response.responsive').checks.includes('iam_support_role_created'));
  });

  it('every built-in check has an AWS CAF and an Amazon Q playbook requirement', () => {
    for (const c of builtinChecks()) {
      assert.ok(c.compliance[CAF_FRAMEWORK_KEY]?.length, `${c.id}: aws_caf`);
      assert.ok(c.compliance.amazon_q_ir_playbook?.length, `${c.id}: amazon_q_ir_playbook`);
    }
  });

  it('every CIS and FSBP id of shared/CATALOGUE.md has a requirement, planned checks included', () => {
    const text = readFileSync(join(packageRoot(), '..', 'shared', 'CATALOGUE.md'), 'utf8');
    const frameworks = new Map(loadFrameworks().map((f) => [f.key, new Set(f.requirements.map((r) => r.id))]));
    let rows = 0;
    for (const line of text.split('\n')) {
      // Tables with CIS and FSBP columns: | id | sev | resource | rule | CIS 3.0 / 5.0 | FSBP |
      const cells = line.split('|').slice(1, -1).map((c) => c.trim());
      if (cells.length < 6 || !/^[a-z][a-z0-9_]+$/.test(cells[0])) continue;
      const cis = cells[cells.length - 2];
      const fsbp = cells[cells.length - 1];
      if (!/^(-|[\d.]+ \/ [\d.]+)$/.test(cis)) continue;
      rows++;
      if (cis !== '-') {
        const [a, b] = cis.split('/').map((s) => s.trim());
        if (a !== '-') assert.ok(frameworks.get('cis_aws_3.0')?.has(a), `${cells[0]}: cis_aws_3.0 ${a}`);
        if (b !== '-') assert.ok(frameworks.get('cis_aws_5.0')?.has(b), `${cells[0]}: cis_aws_5.0 ${b}`);
      }
      for (const part of fsbp === '-' ? [] : fsbp.split(',').map((s) => s.trim())) {
        const m = /^([A-Za-z]+)\.(\d+)-(\d+)$/.exec(part);
        const ids = m ? range(`${m[1]}.`, Number(m[2]), Number(m[3])) : [part];
        for (const id of ids) assert.ok(frameworks.get('aws_fsbp')?.has(id), `${cells[0]}: aws_fsbp ${id}`);
      }
    }
    assert.ok(rows >= 27, `${rows} catalogue rows with CIS/FSBP columns`);
  });
});

describe('compliance frameworks: validateMappings', () => {
  it('finds no problem between the real frameworks and the real checks', () => {
    assert.deepEqual(validateMappings(loadFrameworks(), builtinChecks()), []);
  });

  /** Deep copies, so each planted fault starts from the real, consistent data. */
  function real(): { frameworks: Framework[]; checks: MappedCheck[] } {
    return { frameworks: structuredClone(loadFrameworks()), checks: structuredClone(builtinChecks()) };
  }

  function only(problems: ReturnType<typeof validateMappings>, fragment: string): ReturnType<typeof validateMappings>[number] {
    assert.equal(problems.length, 1, problems.map((p) => p.message).join('\n'));
    assert.ok(problems[0].message.includes(fragment), problems[0].message);
    return problems[0];
  }

  it('finds a mapping that names a check id that does not exist', () => {
    const { frameworks, checks } = real();
    requirement(frameworks.find((f) => f.key === 'cis_aws_3.0') as Framework, '1.20').checks.push('accessanalyzer_enabeld');
    const p = only(validateMappings(frameworks, checks), "names check 'accessanalyzer_enabeld', which does not exist");
    assert.deepEqual([p.framework, p.requirement, p.check], ['cis_aws_3.0', '1.20', 'accessanalyzer_enabeld']);
  });

  it('finds a check that names a requirement the mapping lacks', () => {
    const { frameworks, checks } = real();
    (checks.find((c) => c.id === 'iam_root_mfa_enabled') as MappedCheck).compliance['cis_aws_5.0'] = ['1.4', '1.99'];
    const p = only(validateMappings(frameworks, checks), "names cis_aws_5.0 requirement '1.99', which the mapping lacks");
    assert.deepEqual([p.framework, p.requirement, p.check], ['cis_aws_5.0', '1.99', 'iam_root_mfa_enabled']);
  });

  it('finds a check that names a framework with no mapping file', () => {
    const { frameworks, checks } = real();
    (checks.find((c) => c.id === 'iam_root_mfa_enabled') as MappedCheck).compliance.nist_800_53 = ['IA-2(1)'];
    only(validateMappings(frameworks, checks), "names framework 'nist_800_53', which has no mapping");
  });

  it('finds the two directions disagreeing', () => {
    const a = real();
    (a.checks.find((c) => c.id === 'iam_root_mfa_enabled') as MappedCheck).compliance.aws_fsbp = ['IAM.9', 'IAM.6'];
    only(validateMappings(a.frameworks, a.checks), "names aws_fsbp IAM.6, but the mapping does not list the check under it");

    const b = real();
    requirement(b.frameworks.find((f) => f.key === 'aws_fsbp') as Framework, 'IAM.6').checks.push('iam_root_mfa_enabled');
    only(validateMappings(b.frameworks, b.checks), "aws_fsbp IAM.6 lists check 'iam_root_mfa_enabled', but the check's compliance.aws_fsbp does not name IAM.6");
  });

  it('finds AWS CAF ids that disagree with the check\'s caf control types', () => {
    const frameworks = loadFrameworks();
    const check = (caf: MappedCheck['caf'], ids: string[]): MappedCheck => ({ id: 'custom_check', caf, compliance: { aws_caf: ids } });
    const caf = frameworks.find((f) => f.key === CAF_FRAMEWORK_KEY) as Framework;
    const listing = (ids: string[]): Framework[] =>
      frameworks.map((f) => (f === caf ? { ...caf, requirements: caf.requirements.map((r) => (ids.includes(r.id) ? { ...r, checks: [...r.checks, 'custom_check'] } : r)) } : f));

    const checks = builtinChecks();
    assert.deepEqual(validateMappings(listing(['threat_detection.detective']), [...checks, check(['detective'], ['threat_detection.detective'])]), []);
    assert.deepEqual(
      validateMappings(listing(['iam.preventive']), [...checks, check(['detective'], ['iam.preventive'])]).map((p) => p.message),
      [
        "check 'custom_check' names aws_caf 'iam.preventive', but 'preventive' is not among its caf control types (detective)",
        "check 'custom_check' has caf control type 'detective', but none of its aws_caf ids ends in '.detective'",
      ],
    );
    const malformed = validateMappings(frameworks, [...checks, check(['detective'], ['iam'])]).map((p) => p.message);
    assert.ok(malformed.includes("check 'custom_check' names aws_caf 'iam', which is not '<capability>.<directive|preventive|detective|responsive>'"), malformed.join('\n'));
    assert.ok(malformed.includes("check 'custom_check' names aws_caf requirement 'iam', which the mapping lacks"), malformed.join('\n'));
    only(validateMappings(listing(['iam.preventive']), [...checks, check(['preventive', 'responsive'], ['iam.preventive'])]), "has caf control type 'responsive', but none of its aws_caf ids ends in '.responsive'");
  });
});

describe('compliance frameworks: loading bad files', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'qready-frameworks-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const GOOD = ['key: my_fw', 'name: My framework', 'version: "1"', 'requirements:', '  - id: A.1', '    section: A', '    title: First', '    checks: [iam_root_mfa_enabled]', ''];

  function expectError(name: string, lines: string[], line: number, fragment: string): InputError {
    const file = join(dir, name);
    writeFileSync(file, lines.join('\n'));
    let error: unknown;
    try {
      loadFrameworkFile(file, name);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof InputError, `expected an InputError, got ${String(error)}`);
    assert.equal(error.file, name);
    assert.equal(error.line, line, error.message);
    assert.ok(error.message.startsWith(`${name}:${line}: `), error.message);
    assert.ok(error.detail.includes(fragment), error.detail);
    return error;
  }

  it('loads a good file', () => {
    writeFileSync(join(dir, 'my_fw.yaml'), GOOD.join('\n'));
    assert.deepEqual(loadFrameworkFile(join(dir, 'my_fw.yaml')), {
      key: 'my_fw',
      name: 'My framework',
      version: '1',
      requirements: [{ id: 'A.1', section: 'A', title: 'First', checks: ['iam_root_mfa_enabled'] }],
    });
  });

  it('malformed YAML names its line', () => {
    expectError('my_fw.yaml', [...GOOD.slice(0, 6), '   title: misaligned', ...GOOD.slice(7)], 7, 'invalid YAML');
  });

  it('a misspelt field names the field and its line', () => {
    expectError('my_fw.yaml', [...GOOD.slice(0, 6), '    titel: First', ...GOOD.slice(7)], 7, "unknown field 'requirements.0.titel'");
  });

  it('a missing `checks` list is an error at the requirement', () => {
    expectError('my_fw.yaml', GOOD.slice(0, 7), 5, "missing required field 'checks'");
  });

  it('a check id that is not an id is an error', () => {
    expectError('my_fw.yaml', [...GOOD.slice(0, 7), '    checks: [Not An Id]'], 8, 'requirements.0.checks.0');
  });

  it('a key that differs from the file name is an error at the key', () => {
    expectError('other.yaml', GOOD, 1, "framework key 'my_fw' must match the file name 'other'");
  });

  it('a requirement listed twice is an error at the second', () => {
    expectError('my_fw.yaml', [...GOOD.slice(0, 8), ...GOOD.slice(4, 8)], 9, "requirement 'A.1' is listed twice");
  });

  it('loadFrameworks reports the first bad file of a folder', () => {
    const sub = mkdtempSync(join(dir, 'folder-'));
    writeFileSync(join(sub, 'a_ok.yaml'), GOOD.join('\n').replace('my_fw', 'a_ok'));
    writeFileSync(join(sub, 'b_bad.yaml'), 'key: b_bad\nname: B\n');
    assert.throws(() => loadFrameworks(sub), (e: unknown) => e instanceof InputError && /b_bad\.yaml:1: .*missing required field 'version'/.test(e.message));
    assert.throws(() => loadFrameworks(join(dir, 'missing')), (e: unknown) => e instanceof InputError && /cannot read frameworks folder/.test(e.message));
  });
});

describe('compliance frameworks: summarizeFramework', () => {
  const FW: Framework = {
    key: 'test_fw',
    name: 'Test framework',
    version: '1.0',
    requirements: [
      { id: 'R-none', section: 'S1', title: 'No check', checks: [] },
      { id: 'R-notrun', section: 'S1', title: 'Checks that did not run', checks: ['never_ran'] },
      { id: 'R-fail', section: 'S1', title: 'FAIL beats everything', checks: ['c_fail', 'c_error', 'c_manual', 'c_pass'] },
      { id: 'R-error', section: 'S2', title: 'ERROR beats MANUAL and PASS', checks: ['c_error', 'c_manual', 'c_pass'] },
      { id: 'R-manual', section: 'S2', title: 'MANUAL beats PASS', checks: ['c_manual', 'c_pass', 'never_ran'] },
      { id: 'R-pass', section: 'S2', title: 'Only PASS', checks: ['c_pass'] },
      { id: 'R-empty', section: 'S3', title: 'Ran, found nothing in scope', checks: ['c_nothing'] },
      { id: 'R-muted', section: 'S3', title: 'Only muted failures', checks: ['c_muted'] },
      { id: 'R-custom', section: 'S3', title: 'Named by a custom check only', checks: [] },
    ],
  };

  let serial = 0;
  function finding(check_id: string, status: Status, muted = false, compliance: Finding['compliance'] = {}): Finding {
    serial++;
    return {
      id: `f${serial}`,
      check_id,
      title: check_id,
      status,
      muted,
      mute_reason: muted ? 'accepted' : null,
      severity: 'medium',
      service: 'iam',
      account_id: '123456789012',
      region: 'us-east-1',
      resource: { type: 'AwsAccount', id: `r${serial}`, arn: null, name: null },
      message: '',
      evidence: {},
      remediation: { text: 'fix it' },
      compliance,
    };
  }

  const findings: Finding[] = [
    finding('c_fail', 'FAIL'),
    finding('c_fail', 'PASS'),
    finding('c_fail', 'FAIL', true),
    finding('c_error', 'ERROR'),
    finding('c_error', 'PASS'),
    finding('c_manual', 'MANUAL'),
    finding('c_pass', 'PASS'),
    finding('c_pass', 'PASS'),
    finding('c_muted', 'FAIL', true),
    finding('c_custom', 'FAIL', false, { test_fw: ['R-custom'] }),
    finding('c_custom', 'PASS', false, { test_fw: ['R-custom'] }),
  ];
  const ran = ['c_fail', 'c_error', 'c_manual', 'c_pass', 'c_nothing', 'c_muted', 'c_custom', 'not_mapped'];

  function byId(summary: FrameworkSummary): Map<string, RequirementSummary> {
    return new Map(summary.requirements.map((r) => [r.id, r]));
  }

  it('gives each requirement the documented status and counts', () => {
    const summary = summarizeFramework(FW, findings, ran);
    assert.deepEqual([summary.key, summary.name, summary.version], ['test_fw', 'Test framework', '1.0']);
    const r = byId(summary);
    const status = (id: string): string => r.get(id)?.status ?? '?';
    assert.equal(status('R-none'), 'NOT_COVERED', 'a requirement without checks');
    assert.equal(status('R-notrun'), 'NOT_COVERED', 'a requirement whose checks did not run');
    assert.equal(status('R-fail'), 'FAIL');
    assert.equal(status('R-error'), 'ERROR');
    assert.equal(status('R-manual'), 'MANUAL', 'one check that did not run does not matter when another ran');
    assert.equal(status('R-pass'), 'PASS');
    assert.equal(status('R-empty'), 'PASS', 'checks that ran and found nothing in scope');
    assert.equal(status('R-muted'), 'PASS', 'muted failures do not fail a requirement');
    assert.equal(status('R-custom'), 'FAIL', "a custom check's findings name the requirement");
    assert.deepEqual(r.get('R-fail')?.counts, { PASS: 4, FAIL: 1, MANUAL: 1, ERROR: 1 }, 'counts unmuted findings only');
    assert.deepEqual(r.get('R-muted')?.counts, { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 });
    assert.deepEqual(r.get('R-none')?.counts, { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0 });
    assert.deepEqual(r.get('R-custom')?.checks, ['c_custom']);
    assert.deepEqual(r.get('R-fail')?.checks, ['c_fail', 'c_error', 'c_manual', 'c_pass']);
    assert.deepEqual(
      summary.requirements.map((x) => [x.id, x.title, x.section]),
      FW.requirements.map((x) => [x.id, x.title, x.section]),
      'requirements in mapping order with their titles and sections',
    );
    assert.deepEqual(requirementStatusCounts(summary), { PASS: 3, FAIL: 2, MANUAL: 1, ERROR: 1, NOT_COVERED: 2 });
  });

  it('counts a check with findings as run even when checkIds omits it', () => {
    const r = byId(summarizeFramework(FW, findings, []));
    assert.equal(r.get('R-pass')?.status, 'PASS');
    assert.equal(r.get('R-empty')?.status, 'NOT_COVERED', 'no finding and not in checkIds: did not run');
  });

  it('summarizes the real frameworks over a scan of the real checks', () => {
    const checks = builtinChecks();
    const scanned = checks.map((c) => finding(c.id, c.id === 'iam_root_mfa_enabled' ? 'FAIL' : 'PASS', false, c.compliance));
    const summaries = summarizeFrameworks(loadFrameworks(), scanned, checks.map((c) => c.id));
    assert.deepEqual(summaries.map((s) => s.key), KEYS);
    const cis3 = byId(summaries.find((s) => s.key === 'cis_aws_3.0') as FrameworkSummary);
    assert.equal(cis3.get('1.5')?.status, 'FAIL');
    assert.equal(cis3.get('1.4')?.status, 'PASS');
    assert.equal(cis3.get('3.1')?.status, 'PASS');
    assert.equal(cis3.get('1.1')?.status, 'NOT_COVERED');
    const playbook = byId(summaries.find((s) => s.key === 'amazon_q_ir_playbook') as FrameworkSummary);
    assert.equal(playbook.get('IAM-1')?.status, 'FAIL');
    assert.equal(playbook.get('IAM-8')?.status, 'PASS');
    assert.equal(playbook.get('LOG-3')?.status, 'PASS');
  });
});
