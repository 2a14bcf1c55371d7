import type { User } from '@/lib/db/generated/client';
import type { FlowMachine, FlowRow, FlowStep, MachineDefinition, StepFacts } from './types';

/**
 * A sign-in machine over an ordered table of registered steps. The table is checked once here:
 * step names and hosted pages are unique, and the identify phase ends with a step that always
 * applies (the sign-in page), so a request without a user always has somewhere to go.
 */
export function createMachine(definition: MachineDefinition): FlowMachine {
  const byName = new Map<string, FlowStep>();
  const pages = new Set<string>();
  for (const step of definition.steps) {
    if (byName.has(step.name)) throw new Error(`sign-in step ${step.name} is registered twice`);
    if (pages.has(step.page)) throw new Error(`sign-in page ${step.page} is registered twice`);
    byName.set(step.name, step);
    pages.add(step.page);
  }
  if (!definition.steps.some((step) => step.phase === 'identify')) throw new Error('the sign-in machine has no identify step');
  return {
    steps: definition.steps,
    definition,
    step(name) {
      const step = byName.get(name);
      if (!step) throw new Error(`unknown sign-in step ${name}`);
      return step;
    },
  };
}

function factsOf(row: FlowRow, loadUser: () => Promise<User | null>): StepFacts {
  const memos = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    if (!memos.has(key)) memos.set(key, load());
    return memos.get(key) as Promise<T>;
  };
  return { row, user: () => memo('user', loadUser), memo };
}

/**
 * The request's current step: the first step of its phase, in table order, whose guard applies;
 * null when none does (the request may end). Guards share one StepFacts, so facts are loaded
 * once per evaluation.
 */
export async function currentStep(machine: FlowMachine, row: FlowRow, loadUser: () => Promise<User | null>): Promise<FlowStep | null> {
  const phase = row.userId ? 'account' : 'identify';
  const facts = factsOf(row, loadUser);
  for (const step of machine.steps) {
    if (step.phase === phase && (await step.applies(facts))) return step;
  }
  // Without a user the request cannot end: the table's last identify step must always apply.
  if (phase === 'identify') throw new Error(`no identify step applies to request ${row.id}`);
  return null;
}
