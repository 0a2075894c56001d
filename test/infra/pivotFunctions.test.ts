import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequireBanner } from '../../infra/esmBundling';
import { kazooRequestTimeoutMs } from '../../infra/functionTimeout';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

const handlerNames = ['pivot', 'cdr', 'health'] as const;
type HandlerName = (typeof handlerNames)[number];

describe('Pivot Lambda functions', () => {
  let synth: SynthesizedPivot;

  beforeAll(() => {
    synth = synthPivotStack();
  });
  afterAll(() => synth.dispose());

  function functionResource(name: HandlerName) {
    return synth.template.toJSON().Resources[synth.logicalId(synth.stack.service[name].handler)];
  }

  // The zip CloudFormation deploys is the staged asset directory of the same hash.
  function bundleOf(name: HandlerName): string {
    const s3Key: string = functionResource(name).Properties.Code.S3Key;
    const assetHash = s3Key.replace(/\.zip$/, '');
    return readFileSync(join(synth.assembly.directory, `asset.${assetHash}`, 'index.mjs'), 'utf8');
  }

  it.each(handlerNames)('%s runs Node 22 on arm64 with 256 MB', (name) => {
    // Act
    const { Properties } = functionResource(name);

    // Assess
    expect(Properties.Runtime).toBe('nodejs22.x');
    expect(Properties.Architectures).toEqual(['arm64']);
    expect(Properties.MemorySize).toBe(256);
  });

  it.each(handlerNames)('%s times out after its budget but before Kazoo gives up', (name) => {
    // Act
    const timeoutMs = functionResource(name).Properties.Timeout * 1000;

    // Assess
    expect(timeoutMs).toBeGreaterThan(2500);
    expect(timeoutMs).toBeLessThan(kazooRequestTimeoutMs);
  });

  it.each(handlerNames)('%s logs JSON to its own log group kept for a month', (name) => {
    // Prepare
    const logGroup = synth.logicalId(synth.stack.service[name].logGroup);

    // Act
    const { LoggingConfig } = functionResource(name).Properties;

    // Assess
    expect(LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: logGroup } });
    expect(synth.template.toJSON().Resources[logGroup].Properties.RetentionInDays).toBe(30);
  });

  it.each(handlerNames)('%s ships an ESM bundle that can still require CommonJS dependencies', (name) => {
    // Prepare
    const { Handler } = functionResource(name).Properties;

    // Act
    const bundle = bundleOf(name);

    // Assess
    expect(Handler).toBe('index.handler');
    expect(bundle.startsWith(createRequireBanner)).toBe(true);
    expect(bundle).toMatch(/export\s*\{[^}]*\bhandler\b[^}]*\}/);
    expect(bundle).not.toMatch(/module\.exports\s*=/);
  });

  it.each(handlerNames)('%s maps stack traces back to the TypeScript sources', (name) => {
    // Act
    const bundle = bundleOf(name);
    const { Variables } = functionResource(name).Properties.Environment;

    // Assess
    expect(bundle).toContain('//# sourceMappingURL=index.mjs.map');
    expect(Variables.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it.each(['pivot', 'cdr'] as const)('%s imports the AWS SDK from the runtime instead of bundling it', (name) => {
    // Act
    const bundle = bundleOf(name);

    // Assess
    expect(bundle).toMatch(/from\s*["']@aws-sdk\/client-[a-z-]+["']/);
  });

  it.each([
    ['pivot', 'kazoo-pivot'],
    ['cdr', 'kazoo-pivot-cdr'],
  ] as const)('%s gets the whole environment contract the handlers read', (name, serviceName) => {
    // Act
    const { Variables } = functionResource(name).Properties.Environment;

    // Assess
    expect(Variables).toEqual({
      TABLE_NAME: { Ref: synth.logicalId(synth.stack.service.table) },
      TOKEN_SECRET_ARN: { Ref: synth.logicalId(synth.stack.service.tokenSecret) },
      BUDGET_MS: '2500',
      ROUTE_CACHE_TTL_MS: '30000',
      CALL_STATE_TTL_HOURS: '24',
      MAX_BODY_BYTES: '16384',
      MAX_QUERY_BYTES: '8192',
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: 'KazooPivot',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('health knows neither the table nor the token', () => {
    // Act
    const { Variables } = functionResource('health').Properties.Environment;

    // Assess
    expect(Object.keys(Variables).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME']);
  });
});
