import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type express from 'express';
import request from 'supertest';
import { testApp } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';

/** Every route registered in the app, read from Express's own router. */
function mountedRoutes(app: express.Express): string[] {
  const routes: string[] = [];
  const visit = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      } else if (layer.handle?.stack) visit(layer.handle.stack as never);
    }
  };
  visit((app as unknown as { router: { stack: never[] } }).router.stack);
  return routes.filter((r) => r.includes(' /v1/')).sort();
}

describeEachDatabase('OpenAPI document', (db) => {
  let app: express.Express;
  before(() => {
    app = testApp(db()).app;
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const document = (await request(app).get('/openapi.json').expect(200)).body;
    const result = await new Validator().validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(document.openapi, '3.1.0');
  });

  it('lists every /v1 route the app serves, with its security and error responses', async () => {
    const document = (await request(app).get('/openapi.json').expect(200)).body;
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    assert.deepEqual(documented, mountedRoutes(app));
    assert.ok(documented.length >= 30);
    const approve = document.paths['/v1/admin/technical-partners/{id}/approve'].post;
    // the admin token, or the admin hub's embed session with the review scope
    assert.deepEqual(approve.security, [{ adminToken: [] }, { embedSession: ['technical_partners:review'] }]);
    assert.ok(approve.responses['409'] && approve.responses['401'] && approve.responses['400']);
    const payment = document.paths['/v1/events/payments'].post;
    assert.ok(payment.parameters.some((p: { in: string; name: string; required: boolean }) => p.in === 'header' && p.name === 'idempotency-key' && p.required));
    assert.ok(document.paths['/v1/public/ecosystem/impact'].get.responses['429']);
  });

  it('serves an interactive reference page at /docs', async () => {
    const res = await request(app).get('/docs/').expect(200);
    assert.match(res.headers['content-type']!, /text\/html/);
    assert.match(res.text, /swagger-ui/i);
    const init = await request(app).get('/docs/swagger-ui-init.js').expect(200);
    assert.match(init.text, /\/v1\/public\/ecosystem\/impact/);
  });
});

/** Whether a schema (its $refs followed) holds a money figure anywhere: a string of the Money pattern. */
function holdsMoney(schema: unknown, components: Record<string, unknown>, seen = new Set<unknown>()): boolean {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return false;
  seen.add(schema);
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string') return holdsMoney(components[node.$ref.split('/').pop()!], components, seen);
  if (node.pattern === MONEY_PATTERN) return true;
  return Object.values(node).some((value) => holdsMoney(value, components, seen));
}
const MONEY_PATTERN = '^-?\\d+\\.\\d{2}$';

describeEachDatabase('currency in the OpenAPI document', (db) => {
  it('every JSON response with money states the currency beside it, required, at its top level', async () => {
    const document = (await request(testApp(db()).app).get('/openapi.json').expect(200)).body;
    const components = document.components.schemas as Record<string, Record<string, unknown>>;
    const missing: string[] = [];
    let withMoney = 0;
    for (const [path, methods] of Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, never> }>>)) {
      for (const [method, operation] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (!status.startsWith('2')) continue;
          let schema = (response as { content?: Record<string, { schema: Record<string, unknown> }> }).content?.['application/json']?.schema;
          if (!schema || !holdsMoney(schema, components)) continue;
          withMoney++;
          if (typeof schema.$ref === 'string') schema = components[schema.$ref.split('/').pop()!]!;
          const properties = schema.properties as Record<string, { $ref?: string; pattern?: string }> | undefined;
          const required = (schema.required as string[] | undefined) ?? [];
          if (!properties?.currency || !required.includes('currency')) missing.push(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    assert.deepEqual(missing, []);
    assert.ok(withMoney >= 15, `only ${withMoney} responses with money found`);
  });
});
