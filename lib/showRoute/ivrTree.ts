import type { CallflowNode } from '../callflow/callflowNode';
import { describeCallflow } from '../preview/answerSummary';
import type { Action, Prompt, Route, Step } from '../routes/routeSchema';

const PROMPT_CHARS = 70;

/**
 * A route's IVR as a tree of text: each step's prompt, one branch per option
 * (what the caller presses and what follows), the retry notices and what happens
 * after the last try. A `goto` opens the step it names beneath it; a step already
 * open higher up is named, not repeated. Steps are rooted where the rules and the
 * fallback enter them; steps nothing enters are listed last.
 */
export function ivrTree(route: Route): string[] {
  const names = Object.keys(route.steps);
  if (names.length === 0) return [];
  const lines: string[] = [];
  const shown = new Set<string>();
  const entries = [
    ...route.rules.flatMap((rule, i) => ('goto' in rule.then ? [{ step: rule.then.goto, via: `rule ${rule.name ?? `#${i + 1}`}` }] : [])),
    ...(route.fallback && 'goto' in route.fallback ? [{ step: route.fallback.goto, via: 'fallback' }] : []),
  ];
  for (const { step, via } of entries) {
    lines.push(`${via} → step ${step}`);
    if (!shown.has(step)) stepLines(route, step, '  ', [], shown, lines);
  }
  for (const name of names.filter((n) => !shown.has(n))) {
    lines.push(`step ${name} (no rule enters it)`);
    stepLines(route, name, '  ', [], shown, lines);
  }
  return lines;
}

function stepLines(route: Route, name: string, indent: string, open: string[], shown: Set<string>, lines: string[]): void {
  shown.add(name);
  const step = route.steps[name]!;
  lines.push(
    `${indent}${name}: ${promptWords(step.prompt)} (${step.collect.maxDigits} digit${step.collect.maxDigits === 1 ? '' : 's'}, ${step.maxAttempts} tries)`,
  );
  const branches: { label: string; action?: Action; words?: string }[] = step.options.map((option) => ({
    label: `${optionLabel(option)}${option.when ? ' (if its conditions hold)' : ''}`,
    action: option.then,
  }));
  branches.push({ label: 'a wrong key', words: `${step.invalid ? `${promptWords(step.invalid)}, ` : ''}asked again` });
  branches.push({
    label: 'no input',
    words: `${(step.noInput ?? step.invalid) ? `${promptWords((step.noInput ?? step.invalid)!)}, ` : ''}asked again`,
  });
  branches.push({
    label: `after ${step.maxAttempts} tries`,
    ...(step.onFailure ? { action: step.onFailure } : route.fallback ? { action: route.fallback } : { words: 'no answer (503)' }),
  });
  branches.forEach((branch, i) => {
    const last = i === branches.length - 1;
    const prefix = `${indent}${last ? '└─' : '├─'} ${branch.label} → `;
    const action = branch.action;
    if (Array.isArray(action)) {
      lines.push(
        `${prefix}split ${action.map((b) => `${b.weight}: ${'goto' in b.then ? `step ${b.then.goto}` : callflowWords(b.then)}`).join(' / ')}`,
      );
      return;
    }
    if (!action || !('goto' in action)) {
      lines.push(`${prefix}${branch.words ?? callflowWords(action as CallflowNode)}`);
      return;
    }
    const target = action.goto;
    if (target === name || open.includes(target)) {
      lines.push(`${prefix}step ${target} (again)`);
      return;
    }
    lines.push(`${prefix}step ${target}`);
    stepLines(route, target, `${indent}${last ? '   ' : '│  '}`, [...open, name], shown, lines);
  });
}

function optionLabel(option: Step['options'][number]): string {
  if (option.digits !== undefined) return `press ${[option.digits].flat().join(' or ')}`;
  if (option.pattern !== undefined) return `keys matching /${option.pattern}/`;
  return 'any keys';
}

function promptWords(prompt: Prompt): string {
  if ('play' in prompt) return `plays ${prompt.play}`;
  const text = prompt.tts.length > PROMPT_CHARS ? `${prompt.tts.slice(0, PROMPT_CHARS - 1)}…` : prompt.tts;
  return `says "${text}"`;
}

function callflowWords(node: CallflowNode): string {
  return describeCallflow(node).replaceAll(' → ', ' then ');
}
