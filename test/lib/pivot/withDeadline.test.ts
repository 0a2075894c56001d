import { describe, expect, it } from '@jest/globals';
import { DeadlineExceededError } from '../../../lib/errors';
import { withDeadline } from '../../../lib/pivot/withDeadline';

const never = () => new Promise<never>(() => undefined);

describe('withDeadline (one pooled timer, a signal built on demand)', () => {
  it('settles hung work at its budget, aborting the signal the work holds', async () => {
    // Prepare
    let held: AbortSignal | undefined;
    const started = performance.now();

    // Act
    const outcome = withDeadline(40, async (deadline) => {
      held = deadline.signal;
      return never();
    });

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(held?.aborted).toBe(true);
    expect(held?.reason).toBeInstanceOf(DeadlineExceededError);
  });

  it('expires a short budget on time while a longer one started before it is still running', async () => {
    // Prepare: the long request arms the shared timer first, for its later deadline.
    const long = withDeadline(400, async () => never());
    long.catch(() => undefined);
    const started = performance.now();

    // Act
    const short = withDeadline(30, async () => never());

    // Assess
    await expect(short).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(performance.now() - started).toBeLessThan(300);
    await expect(long).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('answers work that finishes in time, and later requests still get their own deadline', async () => {
    // Act
    const answers = await Promise.all([1, 2, 3].map((n) => withDeadline(1_000, async () => n * 2)));
    const later = withDeadline(20, async () => never());

    // Assess
    expect(answers).toEqual([2, 4, 6]);
    await expect(later).rejects.toBeInstanceOf(DeadlineExceededError);
  });

  it('hands out an already aborted signal when it is first asked for after the budget ran out', async () => {
    // Prepare
    let late: AbortSignal | undefined;

    // Act
    const outcome = withDeadline(10, async (deadline) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      late = deadline.signal;
      return 'too late';
    });

    // Assess
    await expect(outcome).rejects.toBeInstanceOf(DeadlineExceededError);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(late?.aborted).toBe(true);
  });
});
