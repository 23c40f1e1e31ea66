// The routing of the shared fake endpoint (test/helpers/aws-wire.ts): every restJson1 operation of
// every SDK package it knows is found again from its own URI template, so no two templates are
// ambiguous and a collector's call is always named by the operation the SDK sent.
import assert from 'node:assert/strict';
import { REST_JSON_SERVICES, restJsonRoutesOf, routeRestJson } from '../../helpers/aws-wire.js';

/** A request path for a template: each label filled with a value that needs encoding (greedy ones with a slash). */
function samplePath(uri: string): { path: string; query: Record<string, string>; labels: Record<string, string> } {
  const [template, literal = ''] = uri.split('?');
  const labels: Record<string, string> = {};
  const path = template.replace(/\{([^}+]+)(\+?)\}/g, (_, name: string, greedy: string) => {
    const value = greedy ? `arn:aws:x:us-east-1:123456789012:${name}/a b` : `${name}:1 2`;
    labels[name] = value;
    return greedy ? value.split('/').map(encodeURIComponent).join('/') : encodeURIComponent(value);
  });
  const query = Object.fromEntries(literal.split('&').filter((q) => q !== '').map((q) => [q.split('=')[0], q.split('=')[1] ?? '']));
  return { path, query, labels };
}

describe('the shared AWS wire routes restJson1 requests from the SDK schemas', () => {
  for (const service of REST_JSON_SERVICES) {
    it(`finds every ${service} operation again from its own template, with its labels decoded`, () => {
      const routes = restJsonRoutesOf(service);
      assert.ok(routes.length > 0);
      const wrong: string[] = [];
      for (const route of routes) {
        const { path, query, labels } = samplePath(route.uri);
        const found = routeRestJson(service, route.method, path, query);
        if (found?.op !== route.op || JSON.stringify(found.params) !== JSON.stringify(labels)) {
          wrong.push(`${route.method} ${route.uri} (${route.op}) → ${JSON.stringify(found)}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('types query parameters as the input schema declares them', () => {
    assert.deepEqual(routeRestJson('guardduty', 'GET', '/detector', { maxResults: '50', nextToken: '7' }), { op: 'ListDetectors', params: { maxResults: 50, nextToken: '7' } });
    assert.deepEqual(routeRestJson('access-analyzer', 'GET', '/analyzer', { type: 'ACCOUNT' }), { op: 'ListAnalyzers', params: { type: 'ACCOUNT' } });
  });

  it('refuses a service whose SDK package it does not know', () => {
    assert.throws(() => restJsonRoutesOf('nosuchservice'), /no restJson1 routes for 'nosuchservice'/);
  });
});
