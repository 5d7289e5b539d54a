// docs/api.md's route table is the contract's: same methods, routes and argument names.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { apiRoutes } from '../../shared/contract.ts';
import { apiDocPath, routeTableMarkdown, withRouteTable } from '../../scripts/api-routes-doc.ts';

test('docs/api.md holds the route table generated from the contract (npx tsx scripts/api-routes-doc.ts --write)', () => {
  const doc = readFileSync(apiDocPath, 'utf8');
  assert.equal(doc, withRouteTable(doc), 'the route table in docs/api.md is out of date');
});

test('the generated table has one row per contract method, with its route', () => {
  const table = routeTableMarkdown();
  for (const [method, route] of Object.entries(apiRoutes)) {
    assert.ok(table.includes(`| \`${method}\` | \`${route.method} ${route.path}\` |`), method);
  }
  assert.equal(table.split('\n').length, Object.keys(apiRoutes).length + 2);
});
