/**
 * The local server's x-pivot-decided-by header (describeOutcome's text, plus
 * the step an answer prompts for) in words for the transcript:
 * `rule:greeting step:menu` → `rule "greeting", prompting step "menu"`.
 */
const TROUBLE: Record<string, string> = {
  'invalid-after-substitution': "its callflow broke once placeholders were filled in, so the route's fallback answered",
  invalid: "and the route's fallback is itself invalid",
};

export function describeDecision(header: string): string {
  const [outcome = '', ...extras] = header.trim().split(/\s+/);
  const [kind = '', ...parts] = outcome.split(':');
  // `fallback:invalid` has no subject, only trouble.
  const noSubject = parts[0] !== undefined && Object.hasOwn(TROUBLE, parts[0]);
  const subject = noSubject ? undefined : parts[0];
  const trouble = noSubject ? parts : parts.slice(1);
  const step = extras.find((extra) => extra.startsWith('step:'))?.slice('step:'.length);
  const what = describeKind(kind, subject);
  const problems = trouble.map((t) => TROUBLE[t] ?? t);
  const prompting = step ? `, prompting step "${step}"` : '';
  return `${what}${prompting}${problems.length ? ` (${problems.join('; ')})` : ''}`;
}

function describeKind(kind: string, subject: string | undefined): string {
  switch (kind) {
    case 'rule':
      return `rule "${subject}"`;
    case 'option': {
      const dot = subject?.lastIndexOf('.') ?? -1;
      return dot > 0 ? `step "${subject!.slice(0, dot)}", option ${subject!.slice(dot + 1)}` : `option ${subject}`;
    }
    case 'retry':
      return `step "${subject}" again (wrong or no input)`;
    case 'failure':
      return `step "${subject}" out of attempts (its onFailure, else the fallback)`;
    case 'fallback':
      return subject === 'unknown-step' ? "the route's fallback (the step asked for is gone)" : "the route's fallback (no rule matched)";
    case 'no-match':
      return 'no rule matched and the route has no fallback';
    case 'degraded':
      return subject === 'fallback'
        ? "the route's last known fallback (the store or the deadline failed)"
        : 'nothing: the route could not be served';
    default:
      // AuthError, RouteNotFoundError…: the request was refused before any rule ran.
      return `nothing: refused (${kind})`;
  }
}
