// A table-driven tester for checks, modelled on ESLint's RuleTester: each case is a snapshot
// fragment (source id → data, or an error) and the findings it must produce.
import assert from 'node:assert/strict';
import type { Check } from '../../runner/checks/check.js';
import { loadChecks } from '../../runner/checks/loader.js';
import type { ParamValue } from '../../runner/cel/environment.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { Finding, Status } from '../../runner/findings/finding.js';
import type { AccountSnapshot, SourceError, SourceTable } from '../../runner/snapshot/snapshot.js';

export const ACCOUNT_ID = '123456789012';
export const NOW = '2026-11-30T12:00:00.000Z';

let cache: Map<string, Check> | undefined;

/** The built-in check with this id (loaded once per test run). */
export function builtinCheck(id: string): Check {
  if (!cache) {
    const { checks, errors } = loadChecks();
    assert.deepEqual(errors.map((e) => e.message), [], 'built-in checks must load without errors');
    cache = new Map(checks.map((c) => [c.id, c]));
  }
  const check = cache.get(id);
  assert.ok(check, `no built-in check '${id}'`);
  return check;
}

/** Marks a source as failed in a fixture. */
export function failed(code: string, action: string, message = `User is not authorized to perform: ${action}`): { __error: SourceError } {
  return { __error: { code, message, action } };
}

export type SourceFixture = Record<string, unknown>;

/** Every source in one region (IAM data lives in us-east-1). */
export function accountSnapshot(sources: SourceFixture, regions = ['us-east-1'], region = 'us-east-1'): AccountSnapshot {
  return regionalSnapshot(Object.fromEntries(Object.entries(sources).map(([id, data]) => [id, { [region]: data }])), regions);
}

/** source id → region → data (or `failed(…)`). */
export type RegionalSources = Record<string, Record<string, unknown>>;

/** A snapshot of sources given per region; `failed(…)` marks a source that could not be read there. */
export function regionalSnapshot(sources: RegionalSources, regions: string[]): AccountSnapshot {
  const table: SourceTable = {};
  for (const [id, byRegion] of Object.entries(sources)) {
    table[id] = {};
    for (const [region, data] of Object.entries(byRegion)) {
      const err = (data as { __error?: SourceError } | null)?.__error;
      table[id][region] = err ? { status: 'error', error: err, fetched_at: NOW } : { status: 'ok', data, fetched_at: NOW };
    }
  }
  return { account_id: ACCOUNT_ID, partition: 'aws', regions, sources: table };
}

export interface ExpectedFinding {
  status: Status;
  /** Resource name (or id) the finding is on. */
  resource?: string;
  /** Fragments the message must contain. */
  message?: string | RegExp | (string | RegExp)[];
}

export interface CheckCase {
  name: string;
  sources: SourceFixture;
  now?: string;
  params?: Record<string, ParamValue>;
  expect: ExpectedFinding[];
}

export function runCheck(checkId: string, sources: SourceFixture, now = NOW, params?: Record<string, ParamValue>): Finding[] {
  const check = builtinCheck(checkId);
  return evaluateAccount(accountSnapshot(sources), [check], { now: new Date(now), params: params ? { [checkId]: params } : undefined });
}

/** Registers one mocha `it` per case. Findings must match the expectations exactly, in any order. */
export function checkCases(checkId: string, cases: CheckCase[]): void {
  describe(checkId, () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = runCheck(checkId, c.sources, c.now, c.params);
        const summary = findings.map((f) => `${f.status} ${f.resource.name ?? f.resource.id}: ${f.message}`);
        assert.equal(findings.length, c.expect.length, `expected ${c.expect.length} finding(s), got:\n${summary.join('\n')}`);
        const remaining = [...findings];
        for (const e of c.expect) {
          const idx = remaining.findIndex((f) => matches(f, e));
          assert.ok(idx >= 0, `no finding matches ${JSON.stringify(e, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}; got:\n${summary.join('\n')}`);
          remaining.splice(idx, 1);
        }
        for (const f of findings) {
          assert.equal(f.check_id, checkId);
          assert.equal(f.account_id, ACCOUNT_ID);
          assert.ok(f.message.length > 0);
        }
      });
    }
  });
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  if (f.status !== e.status) return false;
  if (e.resource !== undefined && f.resource.name !== e.resource && f.resource.id !== e.resource) return false;
  const frags = e.message === undefined ? [] : Array.isArray(e.message) ? e.message : [e.message];
  return frags.every((m) => (typeof m === 'string' ? f.message.includes(m) : m.test(f.message)));
}
