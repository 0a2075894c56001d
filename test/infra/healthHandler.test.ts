import { describe, expect, it } from '@jest/globals';
import { handler } from '../../functions/health';

describe('GET /health', () => {
  it('answers 200 with a JSON status a probe can check', async () => {
    // Act
    const response = await handler();

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(response.body ?? '')).toMatchObject({ status: 'ok', region: process.env.AWS_REGION });
  });
});
