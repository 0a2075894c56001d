import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

type Statement = { Action: string | string[]; Resource: unknown; Condition?: unknown; Effect: string };

describe('Pivot permissions', () => {
  let synth: SynthesizedPivot;
  let tableArn: unknown;

  beforeAll(() => {
    synth = synthPivotStack();
    tableArn = { 'Fn::GetAtt': [synth.logicalId(synth.stack.service.table), 'Arn'] };
  });
  afterAll(() => synth.dispose());

  function statementsOf(name: 'pivot' | 'cdr' | 'health'): Statement[] {
    const role = synth.logicalId(synth.stack.service[name].role);
    return Object.values(synth.template.findResources('AWS::IAM::Policy'))
      .filter((policy) => policy.Properties.Roles.some((ref: { Ref: string }) => ref.Ref === role))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  }

  function actionsOf(statement: Statement): string[] {
    return [statement.Action].flat();
  }

  function tableStatementsOf(name: 'pivot' | 'cdr' | 'health') {
    return statementsOf(name)
      .filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')))
      .map((statement) => ({ actions: actionsOf(statement).sort(), resource: statement.Resource, condition: statement.Condition }));
  }

  function leadingKeys(prefix: string) {
    return { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${prefix}*`] } };
  }

  it('lets pivot read routes and read or write call state, nothing else', () => {
    // Act
    const statements = tableStatementsOf('pivot');

    // Assess
    expect(statements).toEqual(
      expect.arrayContaining([
        { actions: ['dynamodb:GetItem'], resource: tableArn, condition: leadingKeys('ROUTE#') },
        { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resource: tableArn, condition: leadingKeys('CALL#') },
      ]),
    );
    expect(statements).toHaveLength(2);
  });

  it('lets cdr read or write call state only', () => {
    // Act
    const statements = tableStatementsOf('cdr');

    // Assess
    expect(statements).toEqual([
      { actions: ['dynamodb:GetItem', 'dynamodb:PutItem'], resource: tableArn, condition: leadingKeys('CALL#') },
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

  it.each(['pivot', 'cdr'] as const)('lets %s read the token secret and no other', (name) => {
    // Prepare
    const secret = { Ref: synth.logicalId(synth.stack.service.tokenSecret) };

    // Act
    const secretStatements = statementsOf(name).filter((statement) => actionsOf(statement).some((action) => action.startsWith('secretsmanager:')));

    // Assess
    expect(secretStatements).toHaveLength(1);
    expect(secretStatements[0]?.Resource).toEqual(secret);
    expect(actionsOf(secretStatements[0]!).sort()).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue']);
  });

  it('grants no wildcard actions or resources and no AWS managed policies', () => {
    // Act
    const statements = (['pivot', 'cdr', 'health'] as const).flatMap(statementsOf);
    const roles = Object.values(synth.template.findResources('AWS::IAM::Role'));

    // Assess
    expect(statements.flatMap(actionsOf).filter((action) => action.includes('*'))).toEqual([]);
    expect(statements.filter((statement) => JSON.stringify(statement.Resource).includes('*'))).toEqual([]);
    expect(roles.map((role) => role.Properties.ManagedPolicyArns).filter(Boolean)).toEqual([]);
  });
});
