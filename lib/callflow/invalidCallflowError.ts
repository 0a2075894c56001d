/** Thrown instead of producing a 200 that Kazoo would refuse (it hangs the call up on schema failures). */
export type CallflowIssue = { path: string; message: string };

export class InvalidCallflowError extends Error {
  override readonly name = 'InvalidCallflowError';
  constructor(
    readonly issues: readonly CallflowIssue[],
    options?: { cause?: unknown },
  ) {
    super(
      'callflow would be refused by Kazoo: ' + issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; '),
      options,
    );
  }
}
