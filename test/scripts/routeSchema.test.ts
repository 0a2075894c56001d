import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { generateRouteSchemaText, ROUTE_SCHEMA_PATH } from '../../scripts/generateRouteSchema';
import { exampleDocument, exampleFiles } from '../fixtures/exampleRoutes';

let compiled: ReturnType<Ajv2020['compile']> | undefined;

/** Compiled once: the schema holds every module's data and takes a while. */
function compileCheckedInSchema() {
  compiled ??= new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(readFileSync(ROUTE_SCHEMA_PATH, 'utf8')) as object);
  return compiled;
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

  it("checks a node's data against its module: a misspelt or wrongly valued ring_group field is flagged", () => {
    // Prepare
    const validate = compileCheckedInSchema();
    const ringGroup = (data: Record<string, unknown>) => ({
      ...exampleDocument('main-number.json'),
      fallback: { module: 'ring_group', data: { endpoints: [{ id: 'frontdesk', endpoint_type: 'device' }], ...data } },
    });

    // Act
    const misspelt = validate(ringGroup({ timout: 20 })) ? [] : validate.errors!;
    const wrongValue = validate(ringGroup({ strategy: 'round_robin' })) ? [] : validate.errors!;
    const right = validate(ringGroup({ timeout: 20, strategy: 'single' }));

    // Assess
    expect(misspelt).toContainEqual(
      expect.objectContaining({
        instancePath: '/fallback/data',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'timout' },
      }),
    );
    expect(wrongValue).toContainEqual(expect.objectContaining({ instancePath: '/fallback/data/strategy', keyword: 'enum' }));
    expect(right).toBe(true);
  });

  it("offers every module name and each module's fields for completion", () => {
    // Prepare
    const schema = JSON.parse(readFileSync(ROUTE_SCHEMA_PATH, 'utf8')) as {
      $defs: Record<string, { properties: Record<string, { enum?: string[] }> }>;
    };

    // Act
    const modules = schema.$defs.CallflowNode!.properties.module!.enum;
    const ringGroupFields = Object.keys(schema.$defs['ModuleData.ring_group']!.properties);

    // Assess
    expect(modules).toHaveLength(78);
    expect(modules).toEqual(expect.arrayContaining(['acdc_member', 'park', 'offnet', 'ring_group']));
    expect(ringGroupFields).toEqual(expect.arrayContaining(['endpoints', 'strategy', 'timeout', 'repeats']));
  });

  it('refuses an unknown module, and lets a {{placeholder}} stand where a constrained string is expected', () => {
    // Prepare
    const validate = compileCheckedInSchema();
    const withFallback = (fallback: unknown) => ({ ...exampleDocument('main-number.json'), fallback });

    // Act
    const unknownModule = validate(withFallback({ module: 'ringgroup', data: {} }));
    const placeholder = validate(withFallback({ module: 'voicemail', data: { id: '{{vars.box}}' } }));

    // Assess
    expect(unknownModule).toBe(false);
    expect(placeholder).toBe(true);
  });
});
