import type * as vscode from 'vscode';
import { isGoBack, type InputOptions, type PickItem, type PickOptions, type UserInput } from './userInput';

/** What a prompt step is given besides the context: the prompts, placed in the wizard. */
export interface StepPrompts {
  pick<T>(options: Omit<PickOptions<T>, 'title' | 'step' | 'totalSteps' | 'activeKey'> & AnswerMemory & { readonly recentKey?: string }): Promise<PickItem<T>>;
  input(options: Omit<InputOptions, 'title' | 'step' | 'totalSteps'> & AnswerMemory): Promise<string>;
}

/** How a prompt's answer is kept for the way back. */
export interface AnswerMemory {
  /**
   * What the answer depends on (e.g. the subnet an address is in): an answer kept under another scope is not offered
   * again, so a fresh suggestion wins over an answer that no longer fits.
   */
  readonly answerScope?: string;
}

/**
 * One question of a wizard, which sets fields of the context. When the user goes back past it, the wizard puts the
 * context back as it was before the step, so a later step never sees an answer the user has gone back on.
 */
export interface PromptStep<C> {
  /** A stable id, for the answers kept on the way back. */
  readonly id: string;
  shouldPrompt(context: C): boolean;
  prompt(context: C, prompts: StepPrompts): Promise<void>;
}

/** Where recent choices live: VS Code's global state, per subscription (the key says which). */
export interface RecentChoices {
  get(key: string): string | undefined;
  remember(key: string, value: string): void;
}

export function recentChoicesIn(memento: vscode.Memento): RecentChoices {
  const storageKey = 'asrFailback.recentChoices';
  return {
    get: (key) => memento.get<Record<string, string>>(storageKey, {})[key],
    remember: (key, value) => {
      void memento.update(storageKey, { ...memento.get<Record<string, string>>(storageKey, {}), [key]: value });
    },
  };
}

/**
 * Runs prompt steps in order over one context, with a working Back button: going back restores the context as it
 * was before the earlier step and asks it again with its earlier answer offered (never a password's). Steps whose
 * `shouldPrompt` is false are skipped both ways. The step count in the title follows what is left to ask.
 */
export class Wizard<C extends object> {
  /** The last answer of each prompt, by step id and prompt number, offered again on the way back. */
  private readonly answers = new Map<string, string>();

  constructor(
    private readonly title: string,
    private readonly steps: readonly PromptStep<C>[],
    private readonly ui: UserInput,
    private readonly recent: RecentChoices,
    /** The prefix of recent-choice keys, e.g. the subscription id once it is known. */
    private readonly recentScope: (context: C) => string,
  ) {}

  async run(context: C): Promise<void> {
    const history: { index: number; before: Partial<C> }[] = [];
    let index = 0;
    while (index < this.steps.length) {
      const step = this.steps[index];
      if (!step.shouldPrompt(context)) {
        index += 1;
        continue;
      }
      const before: Partial<C> = { ...context };
      try {
        await step.prompt(context, this.promptsFor(step, context, history.length + 1));
        history.push({ index, before });
        index += 1;
      } catch (error) {
        if (!isGoBack(error)) {
          throw error;
        }
        restore(context, before);
        const previous = history.pop();
        if (previous === undefined) {
          continue; // nothing to go back to: ask this step again
        }
        restore(context, previous.before);
        index = previous.index;
      }
    }
  }

  private totalSteps(context: C, doneSoFar: number, from: PromptStep<C>): number {
    const start = this.steps.indexOf(from);
    return doneSoFar - 1 + this.steps.slice(start).filter((step) => step === from || step.shouldPrompt(context)).length;
  }

  private promptsFor(step: PromptStep<C>, context: C, stepNumber: number): StepPrompts {
    let promptNumber = 0;
    const position = (): { title: string; step: number; totalSteps: number } => ({
      title: this.title,
      step: stepNumber,
      totalSteps: this.totalSteps(context, stepNumber, step),
    });
    return {
      pick: async <T>(options: Omit<PickOptions<T>, 'title' | 'step' | 'totalSteps' | 'activeKey'> & AnswerMemory & { readonly recentKey?: string }) => {
        promptNumber += 1;
        const answerKey = `${step.id}#${String(promptNumber)}@${options.answerScope ?? ''}`;
        const recentKey = options.recentKey === undefined ? undefined : `${this.recentScope(context)}/${options.recentKey}`;
        const recentValue = recentKey === undefined ? undefined : this.recent.get(recentKey);
        const items = Promise.resolve(options.items).then((loaded) => recentFirst(loaded, recentValue));
        const picked = await this.ui.pick({ ...options, ...position(), items, activeKey: this.answers.get(answerKey) ?? recentValue });
        const pickedKey = picked.key ?? picked.label;
        this.answers.set(answerKey, pickedKey);
        if (recentKey !== undefined) {
          this.recent.remember(recentKey, pickedKey);
        }
        return picked;
      },
      input: async (options: Omit<InputOptions, 'title' | 'step' | 'totalSteps'> & AnswerMemory) => {
        promptNumber += 1;
        const answerKey = `${step.id}#${String(promptNumber)}@${options.answerScope ?? ''}`;
        const value = options.password === true ? undefined : (this.answers.get(answerKey) ?? options.value);
        const typed = await this.ui.input({ ...options, ...position(), value });
        if (options.password !== true) {
          this.answers.set(answerKey, typed);
        }
        return typed;
      },
    };
  }
}

/** The recently chosen item first, marked; the rest in their order. */
function recentFirst<T>(items: readonly PickItem<T>[], recentKey: string | undefined): readonly PickItem<T>[] {
  const index = items.findIndex((item) => (item.key ?? item.label) === recentKey);
  if (index <= 0) {
    return items;
  }
  return [...items.slice(index, index + 1), ...items.slice(0, index), ...items.slice(index + 1)];
}

/** Puts the context back as `snapshot` had it: fields set since are taken off, changed ones restored. */
function restore<C extends object>(context: C, snapshot: Partial<C>): void {
  for (const key of Object.keys(context) as (keyof C)[]) {
    if (!(key in snapshot)) {
      // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
      delete context[key];
    }
  }
  Object.assign(context, snapshot);
}
