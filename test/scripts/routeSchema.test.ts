import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { generateRouteSchemaText, ROUTE_SCHEMA_PATH } from '../../scripts/generateRouteSchema';
import { exampleDocument, exampleFiles } from '../fixtures/exampleRoutes';

function compileCheckedInSchema() {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  return ajv.compile(JSON.parse(readFileSync(ROUTE_SCHEMA_PATH, 'utf8')) as object);
}

describe('schemas/route.schema.json', () => {
  it('is what `npm run schema` generates from the zod route schema today', () => {
    // Prepare
    const checkedIn = readFileSync(ROUTE_SCHEMA_PATH, 'utf8');

    // Act
    const fresh = generateRouteSchemaText();

    // Assess
    if (checkedIn !== fresh) {
      throw new Error('stale schema: schemas/route.schema.json differs from lib/routes/routeSchema.ts; run `npm run schema`');
    }
  });

  it.each(exampleFiles())('accepts the example %s, which points at it through $schema', (file) => {
    // Prepare
    const validate = compileCheckedInSchema();
    const document = exampleDocument(file);

    // Act
    const valid = validate(document);

    // Assess
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(document.$schema).toBe('../schemas/route.schema.json');
  });

  it('rejects a rule without `then`, naming where', () => {
    // Prepare
    const validate = compileCheckedInSchema();
    const document = exampleDocument('main-number.json') as { rules: Record<string, unknown>[] };
    delete document.rules[0]!.then;

    // Act
    const valid = validate(document);

    // Assess
    expect(valid).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ instancePath: '/rules/0', keyword: 'required', params: { missingProperty: 'then' } }),
    );
  });

  it('rejects a field the route schema does not know', () => {
    // Prepare
    const validate = compileCheckedInSchema();
    const document = { ...exampleDocument('main-number.json'), timezon: 'Europe/Paris' };

    // Act
    const valid = validate(document);

    // Assess
    expect(valid).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'additionalProperties' }));
  });
});
