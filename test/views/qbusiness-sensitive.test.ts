// maySensitive: the quick test that lets the sensitive-text check skip its regular expressions.
import assert from 'node:assert/strict';
import { findSensitive, maySensitive } from '../../runner/views/qbusiness-sensitive.js';

describe('maySensitive', () => {
  const reference = (s: string): boolean => s.includes('@') || s.includes('+') || s.includes('AKIA') || s.includes('ASIA');

  it('is true exactly when the text has @, + or AKIA/ASIA', () => {
    const texts = ['', '@', '+', 'AKIA', 'ASIA', 'xAKIAx', 'AKI', 'ASI', 'A', 'AAKIA', 'AASIA', 'plain text', 'a+b', 'mail@example.com', 'AKIKIA', 'akia', 'ünïcödé A@'];
    let seed = 7;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      for (let j = 0, n = Math.floor(next() * 10); j < n; j++) s += 'AKISa@+ x'[Math.floor(next() * 9)];
      texts.push(s);
    }
    for (const s of texts) assert.equal(maySensitive(s), reference(s), JSON.stringify(s));
  });

  it('is true for every text in which something is found', () => {
    for (const s of ['write to ops@example.com', 'call +49 30 1234 5678', 'AKIAIOSFODNN7EXAMPLE', 'ASIAY34FZKBOKMUTVV7A']) {
      assert.ok(findSensitive(s).length > 0, s);
      assert.ok(maySensitive(s), s);
    }
  });
});
