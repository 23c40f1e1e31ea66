// The page assets both HTML reports inline: the shared base stylesheet first, then the report's own,
// in one <style> whose hash is the CSP's only style-src; line breaks normalised before hashing;
// a sheet that could close the <style> element refused, the base included.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHtmlReport } from '../../reports/html/html-report.js';
import { contentSecurityPolicy, loadPageAssets, SHARED_STYLESHEET } from '../../reports/html/page-assets.js';
import { renderInvestigationHtml } from '../../reports/investigation/investigation-html.js';
import { packageRoot } from '../../runner/util/package-root.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { sampleReportInput } from '../helpers/sample-findings.js';
import { quietInvestigation } from './investigation-sample.js';

function packageText(...path: string[]): string {
  return readFileSync(join(packageRoot(), ...path), 'utf8');
}

/** The contents of every <style> element, and the CSP's style-src, of a rendered page. */
function stylesOf(html: string): { styles: string[]; styleSrc: string } {
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  return { styles, styleSrc: /style-src ([^;]+)/.exec(csp)?.[1] ?? '' };
}

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

describe('HTML page assets', function () {
  let dir: string;
  before(() => {
    dir = makeTmp('qready-page-assets-');
  });
  after(() => removeTmp(dir));

  /** A report folder in the temporary directory, addressed by absolute path. */
  function page(name: string, css: string): string {
    const folder = join(dir, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'page.js'), 'document.body.dataset.ready = "true";\n');
    writeFileSync(join(folder, 'page.css'), css);
    return folder;
  }

  for (const report of [
    { name: 'scan report', sheet: ['reports', 'html', 'assets', 'report.css'], render: () => Promise.resolve(renderHtmlReport(sampleReportInput(20))) },
    { name: 'investigation report', sheet: ['reports', 'investigation', 'assets', 'investigation.css'], render: () => renderInvestigationHtml(quietInvestigation().output) },
  ]) {
    it(`the ${report.name} inlines base.css and then its own sheet in one <style>, hashed in the CSP`, async function () {
      const base = packageText(SHARED_STYLESHEET);
      const own = packageText(...report.sheet);
      assert.ok(base.endsWith('\n') && base.includes('--surface') && base.includes('.masthead'), 'the shared sheet holds the theme and the masthead');
      const { styles, styleSrc } = stylesOf(await report.render());
      assert.equal(styles.length, 1, 'one <style> element');
      assert.equal(styles[0], base + own);
      assert.equal(styleSrc, hashOf(styles[0]));
    });
  }

  it('puts the base sheet first, normalises both sheets, and hashes the concatenation', function () {
    const folder = page('crlf', '\uFEFF.page {\r\n  color: red;\r\n}\r\n');
    writeFileSync(join(dir, 'base-crlf.css'), '\uFEFF.base {\r\n  color: blue;\r\n}');
    const assets = loadPageAssets(folder, 'page', { baseStylesheet: join(dir, 'base-crlf.css') });
    // No trailing line break in the base: one is added so the two sheets never run together.
    assert.equal(assets.css, '.base {\n  color: blue;\n}\n.page {\n  color: red;\n}\n');
    assert.ok(contentSecurityPolicy(assets).includes(`style-src ${hashOf(assets.css)};`));
  });

  it('without a base sheet, the style is the page sheet alone, cached apart from the combined one', function () {
    const folder = page('alone', '.page { color: red; }\n');
    writeFileSync(join(dir, 'base-alone.css'), '.base { color: blue; }\n');
    const combined = loadPageAssets(folder, 'page', { baseStylesheet: join(dir, 'base-alone.css') });
    const alone = loadPageAssets(folder, 'page');
    assert.equal(alone.css, '.page { color: red; }\n');
    assert.equal(combined.css, '.base { color: blue; }\n.page { color: red; }\n');
    assert.equal(loadPageAssets(folder, 'page'), alone, 'read once per process');
  });

  it('refuses a base sheet that would close the <style> element', function () {
    const folder = page('hostile', '.page { color: red; }\n');
    writeFileSync(join(dir, 'base-hostile.css'), '.base::after { content: "</STYLE><script>alert(1)</script>"; }\n');
    assert.throws(() => loadPageAssets(folder, 'page', { baseStylesheet: join(dir, 'base-hostile.css') }), /base-hostile\.css must not contain "<\/style"/);
  });
});
