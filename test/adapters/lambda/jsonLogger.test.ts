import { describe, expect, it } from '@jest/globals';
import { JsonLogger } from '../../../adapters/lambda/jsonLogger';
import { lambdaContext } from '../../fixtures/pivotTestRuntime';

function loggerWritingTo(lines: { stream: string; line: Record<string, unknown> }[], logLevel: 'INFO' | 'WARN' = 'INFO') {
  const to = (stream: string) => (text: string) => lines.push({ stream, line: JSON.parse(text) as Record<string, unknown> });
  return new JsonLogger({
    serviceName: 'svc',
    logLevel,
    console: { debug: to('debug'), info: to('info'), warn: to('warn'), error: to('error') },
  });
}

describe('JsonLogger (Powertools log format)', () => {
  it("writes Powertools' keys, the invocation's ids and the line's own fields; cold_start only on a container's first invocation", () => {
    // Prepare
    const lines: { stream: string; line: Record<string, unknown> }[] = [];
    const logger = loggerWritingTo(lines);

    // Act
    logger.addContext(lambdaContext());
    logger.info('pivot answered', { callId: 'c-1', status: 200 });
    logger.addContext({ ...lambdaContext(), awsRequestId: 'req-2' });
    logger.warn('pivot refused', { status: 401 });

    // Assess
    expect(lines.map((l) => l.stream)).toEqual(['info', 'warn']);
    expect(lines[0]!.line).toMatchObject({
      level: 'INFO',
      message: 'pivot answered',
      service: 'svc',
      cold_start: true,
      function_name: 'pivot',
      function_request_id: 'req-1',
      function_memory_size: 256,
      callId: 'c-1',
      status: 200,
    });
    expect(new Date(String(lines[0]!.line['timestamp'])).toISOString()).toBe(lines[0]!.line['timestamp']);
    expect(lines[1]!.line).toMatchObject({ level: 'WARN', cold_start: false, function_request_id: 'req-2', status: 401 });
  });

  it('drops lines below its level', () => {
    // Prepare
    const lines: { stream: string; line: Record<string, unknown> }[] = [];
    const logger = loggerWritingTo(lines, 'WARN');

    // Act
    logger.debug('detail');
    logger.info('pivot answered');
    logger.error('request not served');

    // Assess
    expect(lines.map((l) => l.line['message'])).toEqual(['request not served']);
  });
});
