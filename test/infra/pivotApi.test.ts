import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type SynthesizedPivot, synthPivotStack } from './synthPivotStack';

describe('Pivot HTTP API', () => {
  let synth: SynthesizedPivot;

  beforeAll(() => {
    synth = synthPivotStack();
  });
  afterAll(() => synth.dispose());

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
    const accessLogs = synth.logicalId(synth.stack.service.httpApi.accessLogs);

    // Assess
    synth.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [accessLogs, 'Arn'] } },
    });
    expect(synth.template.toJSON().Resources[accessLogs].Properties.RetentionInDays).toBe(30);
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
