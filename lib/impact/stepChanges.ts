import type { Prompt, Route, Step } from '../routes/routeSchema';
import type { ImpactSection } from './routeImpact';

/**
 * What a caller hears or may press at a step, beyond where each key leads (the
 * IVR paths compare that): the prompts, how many digits are collected and for
 * how long, and how many tries there are. A step only one version has is named too.
 */
export function stepChanges(before: Route, after: Route): ImpactSection[] {
  const names = [...new Set([...Object.keys(before.steps), ...Object.keys(after.steps)])];
  const sections: ImpactSection[] = [];
  for (const name of names) {
    const old = Object.hasOwn(before.steps, name) ? before.steps[name] : undefined;
    const now = Object.hasOwn(after.steps, name) ? after.steps[name] : undefined;
    if (!old || !now) {
      sections.push({ label: `step ${name}`, lines: [old ? 'removed: a call waiting at it gets the fallback' : 'added'] });
      continue;
    }
    const lines = [
      change('prompt', promptWords(old.prompt), promptWords(now.prompt)),
      change('wrong-key notice', promptWords(old.invalid), promptWords(now.invalid)),
      change('no-input notice', promptWords(old.noInput), promptWords(now.noInput)),
      change('collects', collectWords(old), collectWords(now)),
      change('tries', String(old.maxAttempts), String(now.maxAttempts)),
    ].filter((line): line is string => line !== undefined);
    if (lines.length > 0) sections.push({ label: `step ${name}`, lines });
  }
  return sections;
}

function change(what: string, before: string, after: string): string | undefined {
  return before === after ? undefined : `${what}: ${before} → ${after}`;
}

function promptWords(prompt: Prompt | undefined): string {
  if (!prompt) return 'none';
  if ('play' in prompt) return `plays ${prompt.play}`;
  const voice = [prompt.voice, prompt.language].filter(Boolean).join(', ');
  return `says "${prompt.tts}"${voice ? ` (${voice})` : ''}`;
}

function collectWords(step: Step): string {
  const c = step.collect;
  return `up to ${c.maxDigits} digit${c.maxDigits === 1 ? '' : 's'}, ${c.timeoutMs / 1000} s, ends with ${c.terminator}${c.interdigitTimeoutMs ? `, ${c.interdigitTimeoutMs / 1000} s between digits` : ''}`;
}
