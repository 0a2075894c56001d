import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { createRequireBanner, kazooRequestTimeoutMs } from '../../infra/PivotFunction';
import { DynamoRouteAdmin } from '../../adapters/dynamodb';
import { loadExampleRoutes } from '../../local/loadExampleRoutes';
import { EXAMPLES_DIR } from '../fixtures/exampleRoutes';
import { pivotEventV2 } from '../fixtures/apiGatewayEvents';
import { createTestTable } from '../fixtures/dynamoTestTable';
import { kazooParams } from '../fixtures/kazooCalls';
import { TEST_ROUTE_KEY, tokenQuery } from '../fixtures/routeCredentials';
import { type PolicyStatementJson, type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

// The stack as `cdk synth` deploys it with default settings. Synthesizing bundles
// three handlers and validates the template, so every check below shares one synth.
let synth: SynthesizedPivot;

beforeAll(() => {
  synth = synthPivotStack({ cloudFormationValidation: true });
});
afterAll(() => synth.dispose());

const handlerNames = ['pivot', 'cdr', 'health'] as const;
type HandlerName = (typeof handlerNames)[number];

describe('Pivot table', () => {
  const table = () => synth.resource(synth.stack.service.table);

  it('is the only table, keyed by pk alone and billed on demand', () => {
    // Act
    const { Properties } = table();

    // Assess
    synth.template.resourceCountIs('AWS::DynamoDB::Table', 1);
    expect(Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(Properties.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }]);
    expect(Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(Properties.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('expires call state through the expiresAt TTL attribute', () => {
    // Assess
    expect(table().Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
  });

  it('can be restored to any second of the last 35 days', () => {
    // Assess
    expect(table().Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
  });

  it('survives stack deletion and refuses deletion by default', () => {
    // Act
    const resource = table();

    // Assess
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
    expect(resource.Properties.DeletionProtectionEnabled).toBe(true);
  });
});

describe('Route key secret', () => {
  const secret = () => synth.resource(synth.stack.service.routeKeySecret);

  it('is generated as JSON holding a current key, ready for a previous one beside it', () => {
    // Act
    const { GenerateSecretString } = secret().Properties;

    // Assess
    expect(GenerateSecretString).toMatchObject({ SecretStringTemplate: '{}', GenerateStringKey: 'current', ExcludePunctuation: true });
    expect(GenerateSecretString.PasswordLength).toBeGreaterThanOrEqual(32);
  });

  it('survives stack deletion like the table whose routes its tokens open', () => {
    // Act
    const resource = secret();

    // Assess
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });
});

/** The one prefix grant: secrets whose ARN starts with secret:kazoo-pivot/lookups/. */
function isLookupSecretGrant(statement: PolicyStatementJson): boolean {
  return JSON.stringify(statement.Resource).includes(':secret:kazoo-pivot/lookups/*');
}

describe('Pivot permissions', () => {
  const tableArn = () => ({ 'Fn::GetAtt': [synth.logicalId(synth.stack.service.table), 'Arn'] });
  const statementsOf = (name: HandlerName) => synth.statementsOf(synth.stack.service[name].role);
  const actionsOf = (statement: PolicyStatementJson): string[] => [statement.Action].flat();
  const leadingKeys = (prefix: string) => ({ 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } });

  function tableStatementsOf(name: HandlerName) {
    return statementsOf(name)
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')))
      .map((statement) => ({ actions: actionsOf(statement).sort(), resource: statement.Resource, condition: statement.Condition }));
  }

  it('lets pivot read routes and emergency closures and read or write call state, nothing else', () => {
    // Act
    const statements = tableStatementsOf('pivot');

    // Assess
    expect(statements).toEqual(
      expect.arrayContaining([
        { actions: ['dynamodb:GetItem'], resource: tableArn(), condition: leadingKeys('ROUTE#') },
        { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resource: tableArn(), condition: leadingKeys('CALL#') },
        { actions: ['dynamodb:GetItem'], resource: tableArn(), condition: leadingKeys('CLOSURE#') },
      ]),
    );
    expect(statements).toHaveLength(3);
  });

  it('lets cdr read routes and read or write call state, nothing else', () => {
    // Act
    const statements = tableStatementsOf('cdr');

    // Assess
    expect(statements).toEqual([
      { actions: ['dynamodb:GetItem'], resource: tableArn(), condition: leadingKeys('ROUTE#') },
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resource: tableArn(), condition: leadingKeys('CALL#') },
    ]);
  });

  it('gives health nothing beyond writing its own logs', () => {
    // Prepare
    const logGroup = synth.logicalId(synth.stack.service.health.logGroup);

    // Act
    const statements = statementsOf('health');

    // Assess
    expect(statements).toEqual([
      { Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] } },
    ]);
  });

  it.each(['pivot', 'cdr'] as const)('lets %s read the route key secret and no other', (name) => {
    // Prepare
    const secret = { Ref: synth.logicalId(synth.stack.service.routeKeySecret) };

    // Act
    const secretStatements = statementsOf(name).filter(
      (statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')) && !isLookupSecretGrant(statement),
    );

    // Assess
    expect(secretStatements).toHaveLength(1);
    expect(secretStatements[0]?.Resource).toEqual(secret);
    expect(actionsOf(secretStatements[0]!).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });

  it('lets pivot (only) read lookup credentials: GetSecretValue under kazoo-pivot/lookups/, nothing else', () => {
    // Act
    const grants = handlerNames.map((name) => statementsOf(name).filter(isLookupSecretGrant));

    // Assess
    expect(grants.map((g) => g.length)).toEqual(handlerNames.map((name) => (name === 'pivot' ? 1 : 0)));
    expect(actionsOf(grants.flat()[0]!)).toEqual(['secretsmanager:GetSecretValue']);
  });

  it('grants no wildcard actions or resources (but the lookup secret prefix) and no AWS managed policies', () => {
    // Act
    const statements = handlerNames.flatMap(statementsOf).filter((statement) => !isLookupSecretGrant(statement));
    const roles = Object.values(synth.template.findResources('AWS::IAM::Role'));

    // Assess
    expect(statements.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
    expect(statements.filter((statement) => JSON.stringify(statement.Resource).includes('*'))).toEqual([]);
    expect(roles.map((role) => role.Properties.ManagedPolicyArns).filter(Boolean)).toEqual([]);
  });
});

describe('Pivot Lambda functions', () => {
  const functionResource = (name: HandlerName) => synth.resource(synth.stack.service[name].handler);
  const bundleOf = (name: HandlerName) => synth.bundleOf(synth.stack.service[name].handler);

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
    const logGroup = synth.stack.service[name].logGroup;

    // Act
    const { LoggingConfig } = functionResource(name).Properties;

    // Assess
    expect(LoggingConfig).toEqual({ LogFormat: 'JSON', LogGroup: { Ref: synth.logicalId(logGroup) } });
    expect(synth.resource(logGroup).Properties.RetentionInDays).toBe(30);
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

  it.each(handlerNames)('%s starts without parsing a source map (it cost a fifth of a cold start)', (name) => {
    // Act
    const bundle = bundleOf(name);
    const { Variables } = functionResource(name).Properties.Environment;

    // Assess
    expect(bundle).not.toContain('sourceMappingURL');
    expect(Variables?.NODE_OPTIONS).toBeUndefined();
  });

  it('keeps the holiday library out of the pivot bundle and ships it beside it, loadable by its bare name', async () => {
    // Prepare: a probe in the asset directory (under the OS temp dir: no node_modules above it but the asset's own).
    const bundle = bundleOf('pivot');
    const assetDir = synth.assetDirOf(synth.stack.service.pivot.handler);
    writeFileSync(
      join(assetDir, 'probe.mjs'),
      "const { default: H } = await import('date-holidays'); console.log(new H('US').getHolidays(2026).length);",
    );

    // Act
    const holidays = execFileSync(process.execPath, [join(assetDir, 'probe.mjs')], { cwd: assetDir, encoding: 'utf8' });

    // Assess
    expect(bundle).toMatch(/import\(["']date-holidays["']\)/);
    expect(bundle).not.toContain('Independence Day');
    expect(Number(holidays.trim())).toBeGreaterThan(10);
  });

  it('keeps ical.js, fast-xml-parser and re2js out of the pivot bundle and ships each beside it, loadable the way the code loads it', () => {
    // Prepare: calendar feeds load ical.js and patterns re2js by import(); TwiML loads fast-xml-parser by a synchronous require.
    const bundle = bundleOf('pivot');
    const assetDir = synth.assetDirOf(synth.stack.service.pivot.handler);
    writeFileSync(
      join(assetDir, 'lazy-probe.mjs'),
      [
        "import { createRequire } from 'node:module';",
        "const { default: ICAL } = await import('ical.js');",
        "const vcalendar = new ICAL.Component(ICAL.parse('BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nUID:a\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR'));",
        "const { XMLParser, XMLValidator } = createRequire(import.meta.url)('fast-xml-parser');",
        "const ok = XMLValidator.validate('<Response><Say>hi</Say></Response>') === true;",
        "const parsed = new XMLParser().parse('<Response><Say>hi</Say></Response>');",
        "const { RE2JS } = await import('re2js');",
        "const matches = RE2JS.compile('^\\\\+4420(7946)\\\\d{4}$').matches('+442079461234');",
        'console.log(JSON.stringify({ events: vcalendar.getAllSubcomponents("vevent").length, ok, say: parsed.Response.Say, matches }));',
      ].join('\n'),
    );

    // Act
    const probe = execFileSync(process.execPath, [join(assetDir, 'lazy-probe.mjs')], { cwd: assetDir, encoding: 'utf8' });

    // Assess
    expect(JSON.parse(probe)).toEqual({ events: 1, ok: true, say: 'hi', matches: true });
    expect(bundle).toMatch(/import\(["']ical\.js["']\)/);
    expect(bundle).toMatch(/\(["']fast-xml-parser["']\)/);
    // Messages of each library's own parser: present in the bundle only if the library were.
    expect(bundle).not.toContain('invalid ical body');
    expect(bundle).not.toContain('InvalidTag');
    expect(bundle).toMatch(/import\(["']re2js["']\)/);
    expect(bundle).not.toContain('invalid nested repetition operator');
  });

  it('serves TwiML and pattern routes from the deployed asset alone, loading what ships beside the bundle', async () => {
    // Prepare: the example routes on dynalite; the handler run from its asset directory, which has no node_modules above it.
    const { client, tableName } = await createTestTable('bundled-lazy');
    await loadExampleRoutes(new DynamoRouteAdmin({ client, tableName }), EXAMPLES_DIR, { keepExisting: false });
    const assetDir = synth.assetDirOf(synth.stack.service.pivot.handler);
    const events = [
      pivotEventV2({ as: 'get', params: kazooParams(), route: 'twiml-hotline', voiceUrlQuery: tokenQuery('twiml-hotline') }),
      // vip-callers' partner-block rule matches this caller by a pattern only.
      pivotEventV2({
        as: 'get',
        params: kazooParams({ 'Caller-ID-Number': '+442079461234', From: '+442079461234' }),
        route: 'vip-callers',
        voiceUrlQuery: tokenQuery('vip-callers'),
      }),
    ];
    writeFileSync(join(assetDir, 'events.json'), JSON.stringify(events));
    writeFileSync(
      join(assetDir, 'invoke.mjs'),
      [
        "import { readFileSync } from 'node:fs';",
        "const { handler } = await import('./index.mjs');",
        "const context = { getRemainingTimeInMillis: () => 3000, awsRequestId: 'probe', functionName: 'pivot' };",
        'const results = [];',
        "for (const event of JSON.parse(readFileSync(new URL('./events.json', import.meta.url), 'utf8'))) results.push(await handler(event, context));",
        'process.stderr.write(JSON.stringify(results));',
        'process.exit(0);',
      ].join('\n'),
    );
    const env = { ...process.env, TABLE_NAME: tableName, PIVOT_ROUTE_KEY: TEST_ROUTE_KEY, AWS_REGION: 'us-east-1', NODE_OPTIONS: '' };

    // Act: stdout carries the handler's log lines, stderr the results.
    // Not spawnSync: the jest process may be the one serving dynalite.
    const { stderr } = await promisify(execFile)(process.execPath, [join(assetDir, 'invoke.mjs')], {
      cwd: assetDir,
      env,
      encoding: 'utf8',
    });
    const [twiml, pattern] = JSON.parse(stderr) as { statusCode: number; headers: Record<string, string>; body: string }[];

    // Assess
    expect(twiml).toMatchObject({ statusCode: 200, headers: { 'Content-Type': 'application/xml' } });
    expect(twiml!.body).toMatch(/^<\?xml[^>]*\?>\s*<Response><Gather /);
    expect(pattern).toMatchObject({ statusCode: 200, headers: { 'Content-Type': 'application/json' } });
    expect(JSON.parse(pattern!.body)).toMatchObject({ module: 'device', data: { id: 'c10a2b3c4d5e6f708192a3b4c5d6e7f8' } });
  });

  it.each(['pivot', 'cdr'] as const)('%s bundles the AWS SDK it was tested with instead of importing the runtime copy', (name) => {
    // Act
    const bundle = bundleOf(name);

    // Assess
    expect(bundle).not.toMatch(/from\s*["']@aws-sdk\/[a-z-]+["']/);
    expect(bundle).toContain('"GetItem"');
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
      ROUTE_KEY_SECRET_ARN: { Ref: synth.logicalId(synth.stack.service.routeKeySecret) },
      BUDGET_MS: '2500',
      ROUTE_CACHE_TTL_MS: '30000',
      ROUTE_CACHE_BYTES: '33554432',
      PATTERN_CACHE_BYTES: '8388608',
      CALL_STATE_TTL_HOURS: '24',
      MAX_BODY_BYTES: '16384',
      MAX_QUERY_BYTES: '8192',
      ROUTE_KEY_CACHE_TTL_MS: '300000',
      FOLLOW_UP_TTL_SECONDS: '3600',
      LOOKUP_SECRET_PREFIX: 'kazoo-pivot/lookups/',
      POWERTOOLS_SERVICE_NAME: serviceName,
      POWERTOOLS_METRICS_NAMESPACE: 'KazooPivot',
    });
  });

  it('health knows neither the table nor the token', () => {
    // Act
    const { Variables } = functionResource('health').Properties.Environment;

    // Assess
    expect(Object.keys(Variables).sort()).toEqual(['POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_SERVICE_NAME']);
  });
});

describe('Pivot HTTP API', () => {
  function integrationTargetOf(routeKey: string): unknown {
    const routes = synth.template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } });
    const [route] = Object.values(routes) as { Properties: { Target: { 'Fn::Join': [string, unknown[]] } } }[];
    const integrationRef = route?.Properties.Target['Fn::Join'][1][1] as { Ref: string };
    const integration = synth.template.toJSON().Resources[integrationRef.Ref];
    return integration.Properties.IntegrationUri;
  }

  it('exposes exactly the routes Kazoo and probes call', () => {
    // Act
    const routeKeys = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties.RouteKey);

    // Assess
    expect(routeKeys.sort()).toEqual(['GET /health', 'GET /pivot/{route}', 'POST /pivot/{route}', 'POST /pivot/{route}/cdr']);
  });

  it.each([
    ['GET /pivot/{route}', 'pivot'],
    ['POST /pivot/{route}', 'pivot'],
    ['POST /pivot/{route}/cdr', 'cdr'],
    ['GET /health', 'health'],
  ] as const)('sends %s to the %s function', (routeKey, handlerName) => {
    // Prepare
    const handler = synth.stack.service[handlerName].handler;

    // Act
    const target = integrationTargetOf(routeKey);

    // Assess
    expect(target).toEqual({ 'Fn::GetAtt': [synth.logicalId(handler), 'Arn'] });
  });

  it('serves everything from the $default stage, so URLs carry no stage name', () => {
    // Assess
    synth.template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { StageName: '$default', AutoDeploy: true });
  });

  it('throttles every route by default', () => {
    // Assess
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('writes access logs to a log group with retention', () => {
    // Prepare
    const accessLogs = synth.stack.service.httpApi.accessLogs;

    // Assess
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [synth.logicalId(accessLogs), 'Arn'] } },
    });
    expect(synth.resource(accessLogs).Properties.RetentionInDays).toBe(30);
  });

  it('never logs the query string, where the Kazoo token travels', () => {
    // Act
    const stage = Object.values(synth.template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format: string = stage?.Properties.AccessLogSettings.Format;
    const variables = format.match(/\$context\.[A-Za-z.]+/g) ?? [];

    // Assess
    expect(variables).toEqual(expect.arrayContaining(['$context.requestId', '$context.routeKey', '$context.status', '$context.path']));
    expect(format).not.toMatch(/querystring|requestOverride|fullPath|\$input|\$request/i);
    expect(variables.every((variable) => !/query/i.test(variable))).toBe(true);
    expect(() => JSON.parse(format)).not.toThrow();
  });
});

describe('Pivot alarms', () => {
  function alarmsOn(metricName: string, namespace: string) {
    return Object.values(
      synth.template.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName, Namespace: namespace } }),
    ).map((alarm) => alarm.Properties);
  }

  it('fires when the API answers 5xx', () => {
    // Act
    const [alarm, ...others] = alarmsOn('5xx', 'AWS/ApiGateway');

    // Assess
    expect(others).toEqual([]);
    expect(alarm?.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: synth.logicalId(synth.stack.service.httpApi.api) } }]);
  });

  it('fires when any function is throttled', () => {
    // Act
    const throttled = alarmsOn('Throttles', 'AWS/Lambda').map((alarm) => alarm.Dimensions[0].Value.Ref);

    // Assess
    expect(throttled.sort()).toEqual(handlerNames.map((name) => synth.logicalId(synth.stack.service[name].handler)).sort());
  });

  it('fires when pivot p99 latency nears the 2500 ms budget', () => {
    // Act
    const [alarm, ...others] = alarmsOn('Duration', 'AWS/Lambda');

    // Assess
    expect(others).toEqual([]);
    expect(alarm?.Dimensions[0].Value).toEqual({ Ref: synth.logicalId(synth.stack.service.pivot.handler) });
    expect(alarm?.ExtendedStatistic).toBe('p99');
    expect(alarm?.Threshold).toBeGreaterThanOrEqual(1500);
    expect(alarm?.Threshold).toBeLessThan(2500);
  });

  it('does not page anyone when a quiet night sends no data', () => {
    // Act
    const treatments = Object.values(synth.template.findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.TreatMissingData,
    );

    // Assess
    expect(treatments.every((treatment) => treatment === 'notBreaching')).toBe(true);
  });
});

describe('Pivot stack outputs', () => {
  const outputValue = (name: string): unknown => synth.template.toJSON().Outputs[name]?.Value;

  it('gives the base URL that voice_url and cdr_url start with', () => {
    // Act
    const [, parts] = (outputValue('PivotBaseUrl') as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];

    // Assess
    expect(parts[0]).toBe('https://');
    expect(parts[1]).toEqual({ Ref: synth.logicalId(synth.stack.service.httpApi.api) });
    expect(parts.at(-1)).toBe('/pivot/');
  });

  it('names the table', () => {
    // Assess
    expect(outputValue('TableName')).toEqual({ Ref: synth.logicalId(synth.stack.service.table) });
  });

  it("gives the command that prints a route's URLs, never a token or a key", () => {
    // Prepare
    const secret = synth.logicalId(synth.stack.service.routeKeySecret);
    const outputs = synth.template.toJSON().Outputs as Record<string, unknown>;

    // Act
    const [, parts] = (outputValue('RouteUrlCommand') as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    const rendered = JSON.stringify(parts);

    // Assess
    expect(parts[0]).toBe('npm run rules -- url <route> --base https://');
    expect(parts).toContainEqual({ Ref: secret });
    expect(rendered).toContain('/pivot/ --secret ');
    expect(rendered).toContain(' --region ');
    expect(Object.keys(outputs)).not.toContain('TokenCommand');
    expect(JSON.stringify(outputs)).not.toContain('resolve:secretsmanager');
    expect(JSON.stringify(outputs)).not.toMatch(/[A-Za-z0-9]{40}/);
  });
});

describe('cdk-nag AwsSolutions checks', () => {
  function acknowledgements(): { path: string; id: string; reason: string }[] {
    const all = (construct: IConstruct): IConstruct[] => [construct, ...construct.node.children.flatMap(all)];
    return all(synth.app).flatMap((construct) =>
      construct.node.metadata
        .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
        .map(([id, reason]) => ({ path: construct.node.path, id: id.replace(/^annotation::/i, ''), reason })),
    );
  }

  it('reports no unacknowledged errors or warnings', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(synth.app);

    // Assess
    expect(
      report.violations.map(
        (violation) =>
          `${violation.severity} ${violation.ruleName}: ${violation.violatingResources.map((r) => r.constructPath).join(', ')}`,
      ),
    ).toEqual([]);
  });

  it('leaves the validation report `cdk synth` writes empty', () => {
    // Act
    const report = JSON.parse(readFileSync(join(synth.assembly.directory, 'validation-report.json'), 'utf8'));

    // Assess
    expect(report.pluginReports.flatMap((plugin: { violations?: unknown[] }) => plugin.violations ?? [])).toEqual([]);
  });

  it('acknowledges only the findings this design accepts, each with a reason', () => {
    // Act
    const acknowledged = acknowledgements();

    // Assess
    expect([...new Set(acknowledged.map((ack) => ack.id))].sort()).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:kazoo-pivot/lookups/*]',
      'AwsSolutions-L1',
      'AwsSolutions-SMG4',
    ]);
    expect(acknowledged.every((ack) => ack.reason.length >= 60)).toBe(true);
    expect(acknowledged.some((ack) => ack.path === synth.stack.node.path || ack.path === '')).toBe(false);
  });
});
