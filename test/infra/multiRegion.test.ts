import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createPivotApp } from '../../infra/app';
import type { PivotStack } from '../../infra/PivotStack';

// `npm run deploy -- -c pivot:regions=eu-west-1,eu-central-1 --all` synthesizes this app.
// Settings change no bundle, so the handlers are not bundled here (pivotStack.test.ts checks them).
const cdkContext = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')).context;
const outdirs: string[] = [];

function synthRegions(regions: unknown) {
  const outdir = mkdtempSync(join(tmpdir(), 'kazoo-pivot-regions-'));
  outdirs.push(outdir);
  const { app, stacks } = createPivotApp({
    outdir,
    context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...(regions !== undefined && { 'pivot:regions': regions }) },
  });
  const assembly = app.synth();
  return { app, stacks, assembly, templates: stacks.map((stack) => Template.fromStack(stack)) };
}

afterAll(() => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});

// Template resources are untyped CloudFormation JSON.
type Resource = ReturnType<Template['findResources']>[string];
const resourcesOf = (template: Template, type: string): Resource[] => Object.values(template.findResources(type)) as Resource[];
const pivotEnvironment = (template: Template): Record<string, unknown> =>
  resourcesOf(template, 'AWS::Lambda::Function').find(
    (fn) => fn.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME === 'kazoo-pivot',
  )!.Properties.Environment.Variables;

describe('two regions from one app (pivot:regions=eu-west-1,eu-central-1)', () => {
  let app: App;
  let stacks: PivotStack[];
  let primary: Template;
  let replica: Template;
  let assemblyDir: string;

  beforeAll(() => {
    const synth = synthRegions('eu-west-1,eu-central-1');
    ({ app, stacks } = synth);
    [primary, replica] = synth.templates as [Template, Template];
    assemblyDir = synth.assembly.directory;
  });

  it('yields one stack per region, pinned to its region, the second deployed after the first', () => {
    // Assess
    expect(stacks.map((stack) => [stack.stackName, stack.region])).toEqual([
      ['KazooPivot-eu-west-1', 'eu-west-1'],
      ['KazooPivot-eu-central-1', 'eu-central-1'],
    ]);
    expect(stacks[1]!.dependencies.map((stack) => stack.stackName)).toEqual(['KazooPivot-eu-west-1']);
  });

  it('holds one global table in the primary region with a replica in each region, protected like the single table', () => {
    // Act
    const tables = resourcesOf(primary, 'AWS::DynamoDB::GlobalTable');

    // Assess
    expect(tables).toHaveLength(1);
    const table = tables[0]!;
    expect(table.Properties.TableName).toBe('KazooPivot-routes-and-calls');
    expect(table.Properties.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }]);
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(table.Properties.Replicas.map((r: { Region: string }) => r.Region).sort()).toEqual(['eu-central-1', 'eu-west-1']);
    for (const replicaSpec of table.Properties.Replicas) {
      expect(replicaSpec).toMatchObject({
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
    expect(table.DeletionPolicy).toBe('Retain');
  });

  it('creates no table of its own in the second region', () => {
    // Assess
    replica.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    replica.resourceCountIs('AWS::DynamoDB::Table', 0);
    primary.resourceCountIs('AWS::DynamoDB::Table', 0);
  });

  it('replicates the route key secret to the second region, so both derive the same route tokens', () => {
    // Act
    const secrets = resourcesOf(primary, 'AWS::SecretsManager::Secret');

    // Assess
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.Properties).toMatchObject({ Name: 'KazooPivot/route-keys', ReplicaRegions: [{ Region: 'eu-central-1' }] });
    expect(secrets[0]!.DeletionPolicy).toBe('Retain');
    replica.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('gives each region its own HTTP API and functions reading that region replica of the table and the secret', () => {
    // Assess
    primary.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    replica.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    const globalTableId = Object.keys(primary.findResources('AWS::DynamoDB::GlobalTable'))[0];
    const primarySecretId = Object.keys(primary.findResources('AWS::SecretsManager::Secret'))[0];
    expect(pivotEnvironment(primary)).toMatchObject({ TABLE_NAME: { Ref: globalTableId }, ROUTE_KEY_SECRET_ARN: { Ref: primarySecretId } });
    const second = pivotEnvironment(replica);
    expect(second.TABLE_NAME).toBe('KazooPivot-routes-and-calls');
    expect(JSON.stringify(second.ROUTE_KEY_SECRET_ARN)).toContain(':secretsmanager:eu-central-1:');
    expect(JSON.stringify(second.ROUTE_KEY_SECRET_ARN)).toContain(':secret:KazooPivot/route-keys');
  });

  it('scopes the second region IAM to its own replica (table ARN and secret in eu-central-1)', () => {
    // Act
    const statements = resourcesOf(replica, 'AWS::IAM::Policy').flatMap((policy) => policy.Properties.PolicyDocument.Statement);
    const resourcesFor = (prefix: string) =>
      JSON.stringify(
        statements
          .filter((s: { Action: string | string[] }) => [s.Action].flat().some((a) => a.startsWith(prefix)))
          .map((s: { Resource: unknown }) => s.Resource),
      );

    // Assess
    expect(resourcesFor('dynamodb:')).toContain(':dynamodb:eu-central-1:');
    expect(resourcesFor('dynamodb:')).toContain(':table/KazooPivot-routes-and-calls');
    expect(resourcesFor('dynamodb:')).not.toContain('eu-west-1');
    expect(resourcesFor('secretsmanager:')).toContain(':secretsmanager:eu-central-1:');
    expect(resourcesFor('secretsmanager:')).toContain('secret:KazooPivot/route-keys-??????');
  });

  it('watches each region: its own answer-rate and failover alarms beside the usual ones', () => {
    // Assess
    for (const template of [primary, replica]) {
      const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
      const descriptions = alarms.map((alarm) => alarm.Properties.AlarmDescription as string);
      expect(descriptions.some((d) => d.startsWith('API Gateway answered 5xx'))).toBe(true);
      expect(alarms.some((alarm) => alarm.Properties.MetricName === 'FailoverRequests')).toBe(true);
      const rate = alarms.find((alarm) => JSON.stringify(alarm.Properties.Metrics ?? []).includes('(requests - errors) / requests'));
      expect(rate?.Properties.ComparisonOperator).toBe('LessThanThreshold');
    }
    expect(JSON.stringify(resourcesOf(replica, 'AWS::CloudWatch::Alarm'))).toContain('Answer rate eu-central-1');
  });

  it('passes the AwsSolutions checks with no new acknowledgement', () => {
    // Act
    const report = new AwsSolutionsChecks().validateScope(app);
    const validation = JSON.parse(readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8'));

    // Assess
    expect(report.violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
    expect(validation.pluginReports.flatMap((plugin: { violations?: unknown[] }) => plugin.violations ?? [])).toEqual([]);
  });
});

describe('single region stays the default', () => {
  it('without pivot:regions: the one env-agnostic stack KazooPivot with its regional table', () => {
    // Act
    const { stacks, templates } = synthRegions(undefined);

    // Assess
    expect(stacks.map((stack) => stack.stackName)).toEqual(['KazooPivot']);
    templates[0]!.resourceCountIs('AWS::DynamoDB::Table', 1);
    templates[0]!.resourceCountIs('AWS::DynamoDB::GlobalTable', 0);
    expect(resourcesOf(templates[0]!, 'AWS::SecretsManager::Secret')[0]!.Properties.ReplicaRegions).toBeUndefined();
  });

  it('one region listed: the same single stack, pinned to that region', () => {
    // Act
    const { stacks, templates } = synthRegions('us-east-2');

    // Assess
    expect(stacks.map((stack) => [stack.stackName, stack.region])).toEqual([['KazooPivot', 'us-east-2']]);
    templates[0]!.resourceCountIs('AWS::DynamoDB::Table', 1);
  });
});

describe('pivot:regions refuses what it cannot deploy, naming the key', () => {
  it.each([
    ['eu-west-1,eu-west-1', /pivot:regions: region "eu-west-1" is listed twice/],
    ['eu-west-1,the-moon', /pivot:regions: "the-moon" is not an AWS region name/],
    [42, /pivot:regions must be a comma-separated list/],
  ])('%p', (value, message) => {
    // Act / Assess
    expect(() => synthRegions(value)).toThrow(message);
  });

  it('takes a list from cdk.json as well as a string from -c', () => {
    // Act
    const { stacks } = synthRegions(['us-east-1', 'us-west-2', 'eu-west-1']);

    // Assess
    expect(stacks.map((stack) => stack.region)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
  });
});
