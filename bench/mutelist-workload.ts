// A deterministic mutelist workload for the benchmark (and the index-versus-definition test):
// n sample findings and a mutelist of r realistic rules (exact ARNs, resource globs, check globs,
// account-wide rules, tags, exceptions, expired rules), built through the real YAML loader.
import type { Finding } from '../runner/findings/finding.js';
import { applyMutelist, parseMutelist, ruleMatches, type Mutelist } from '../runner/mutelist/mutelist.js';
import { SAMPLE_ACCOUNT, sampleChecks, sampleReportInput } from '../test/helpers/sample-findings.js';

export interface MutelistWorkload {
  findings: Finding[];
  mutelist: Mutelist;
  now: Date;
  /** applyMutelist over every finding; returns how many are muted. What the benchmark times. */
  run(): number;
  /**
   * A baseline pass over the same findings that reads the fields a mutelist looks at and writes
   * muted/mute_reason, without any rule: the benchmark reports run() as a ratio to it.
   */
  baseline(): number;
  /**
   * The plain definition (every active rule tested against each of the first `limit` findings,
   * first match wins) without the index: for a per-finding ratio that shows what the index saves.
   * Returns how many of those findings it would mute (equal to run()'s on the same findings).
   */
  naive(limit?: number): number;
}

export const WORKLOAD_NOW = new Date('2026-06-15T12:00:00Z');

/** The mutelist YAML of the workload (exported so a test can look at what it loads). */
export function workloadYaml(findings: readonly Finding[], ruleCount: number, seed = 11): string {
  let a = seed >>> 0;
  const r = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const q = (s: string): string => JSON.stringify(s);
  const lines = ['rules:'];
  for (let k = 0; k < ruleCount; k++) {
    const f = pick(findings);
    const kind = r();
    const expires = r() < 0.1 ? `    expires: ${r() < 0.5 ? '2026-01-31' : '2027-01-31'}` : null;
    lines.push(`  - accounts: [${r() < 0.7 ? q(f.account_id) : '"*"'}]`);
    if (kind < 0.55) {
      // One resource of one check: the common case.
      lines.push(`    checks: [${f.check_id}]`, `    regions: [${q(f.region)}]`, `    resources: [${q(f.resource.arn ?? f.resource.id)}]`);
    } else if (kind < 0.75) {
      // A family of resources by glob, for a check family.
      const prefix = (f.resource.arn ?? f.resource.id).slice(0, -2);
      lines.push(`    checks: [${q(`${f.check_id.split('_')[0]}_*`)}]`, '    regions: ["*"]', `    resources: [${q(`${prefix}*`)}, ${q(`${prefix}?`)}]`);
    } else if (kind < 0.85) {
      // A whole check in some regions, with an exception.
      lines.push(`    checks: [${f.check_id}]`, '    regions: ["eu-*", "us-west-2"]', '    resources: ["*"]', '    exceptions:', `      - resources: [${q(f.resource.id)}]`);
    } else if (kind < 0.95) {
      // Tagged resources (the sample findings carry no tags: these rules never match).
      lines.push('    checks: ["*"]', '    regions: ["*"]', '    resources: ["**"]', '    tags:', '      Environment: "sandbox-*"');
    } else {
      // A second account muted wholesale.
      lines.length -= 1;
      lines.push('  - accounts: ["210987654321"]', '    checks: ["*"]', '    regions: ["*"]', '    resources: ["*"]');
    }
    lines.push(`    reason: ${q(`workload rule ${k}`)}`);
    if (expires) lines.push(expires);
  }
  return `${lines.join('\n')}\n`;
}

/** The workload: `findingCount` sample findings (one account) and `ruleCount` rules. */
export function mutelistWorkload(findingCount = 100_000, ruleCount = 200): MutelistWorkload {
  const findings = sampleReportInput(findingCount, { mutedEvery: 0, credentialUsers: 0, accountId: SAMPLE_ACCOUNT }).result.findings;
  const checkIds = sampleChecks().map((c) => c.id);
  const mutelist = parseMutelist(workloadYaml(findings, ruleCount), 'workload-mutelist.yaml', checkIds);
  const now = WORKLOAD_NOW;
  return {
    findings,
    mutelist,
    now,
    run: () => applyMutelist(findings, mutelist, now).muted,
    naive: (limit = findings.length) => {
      const active = mutelist.rules.filter((r) => r.expiresAt === null || now.getTime() < r.expiresAt);
      let n = 0;
      for (let i = 0; i < Math.min(limit, findings.length); i++) if (active.some((r) => ruleMatches(r, findings[i]))) n++;
      return n;
    },
    baseline: () => {
      let n = 0;
      for (const f of findings) {
        const hit = f.check_id.length + f.account_id.length + f.region.length + f.resource.id.length === 0;
        f.muted = hit;
        f.mute_reason = hit ? 'never' : null;
        if (hit) n++;
      }
      return n;
    },
  };
}
