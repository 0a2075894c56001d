import { Validations } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';

/**
 * The shared token Kazoo sends as `?token=` on every Pivot request. Alphanumeric
 * only, so it survives being pasted into a voice_url without URL-encoding.
 */
export class KazooTokenSecret extends Secret {
  static readonly tokenLength = 40;

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      description: 'Token Kazoo sends as ?token= in the Pivot voice_url and cdr_url',
      generateSecretString: {
        passwordLength: KazooTokenSecret.tokenLength,
        excludePunctuation: true,
        includeSpace: false,
        requireEachIncludedType: true,
      },
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The token is pasted by hand into Kazoo callflows (voice_url); automatic rotation would break live calls until every callflow is edited, so it is rotated manually together with Kazoo.',
    });
  }
}
