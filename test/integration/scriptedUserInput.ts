import { checkOutcome } from '../../src/wizard/checkOutcome';
import { GoBackError, type ChoiceOptions, type InputOptions, type PickItem, type PickOptions, type UserInput } from '../../src/wizard/userInput';
import { UserCancelledError } from '../../src/util/userCancelledError';

/**
 * One answer of a script: pick the item whose label matches, type a text, press Back, or press Escape. With
 * `rejectedWith`, the answer must be refused (by Azure's rules or an Azure-side check) with a matching message; the
 * prompt then stays and takes the next answer.
 */
export type ScriptedAnswer =
  | { readonly pick: string | RegExp; readonly rejectedWith?: RegExp }
  /** With `whenReady`, the text is typed only once that resolves (what a user would wait for before typing). */
  | { readonly input: string; readonly rejectedWith?: RegExp; readonly whenReady?: () => Promise<void> }
  /** The path a save or open dialog returns. */
  | { readonly file: string }
  /** The button of a modal message (after a failure) whose label matches. */
  | { readonly choose: string | RegExp }
  | 'back'
  | 'cancel';

/** An answer in a failure message: typed texts are left out, since they can be a password. */
function described(answer: Exclude<ScriptedAnswer, 'back' | 'cancel'>): string {
  if ('input' in answer) {
    return `an input of ${String(answer.input.length)} characters`;
  }
  if ('choose' in answer) {
    return `the choice ${String(answer.choose)}`;
  }
  return 'pick' in answer ? `the pick ${String(answer.pick)}` : 'a file';
}

/** What a prompt showed, for the test's assertions. */
export interface RecordedPrompt {
  readonly kind: 'pick' | 'input' | 'choice';
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
  /** The placeholder of a pick, the prompt of an input box, the message of a choice (then its detail). */
  readonly text: string;
  readonly labels: readonly string[];
  /** The key of the item active first (picks), the text the box started with (inputs). */
  readonly initial: string | undefined;
  readonly password: boolean;
  /** Messages the prompt showed: validation and check messages, or why it had nothing to pick. */
  readonly messages: string[];
}

/**
 * Answers the wizard's prompts from a script, applying the same validation and checks as VS Code's QuickPick and
 * InputBox do (QuickInputUserInput), and records every prompt. An answer that does not fit (no such item, a text
 * refused that should pass or the other way round, prompts left with no answer) fails the test.
 */
export class ScriptedUserInput implements UserInput {
  readonly prompts: RecordedPrompt[] = [];
  private next = 0;

  constructor(private readonly answers: readonly ScriptedAnswer[]) {}

  /** Answers the script did not use: a test asserts there are none. */
  get unused(): readonly ScriptedAnswer[] {
    return this.answers.slice(this.next);
  }

  async pick<T>(options: PickOptions<T>): Promise<PickItem<T>> {
    const messages: string[] = [];
    let items: readonly PickItem<T>[] = [];
    try {
      items = await options.items;
    } catch (error) {
      messages.push(error instanceof Error ? error.message : String(error));
    }
    this.prompts.push({
      kind: 'pick',
      title: options.title,
      step: options.step,
      totalSteps: options.totalSteps,
      text: options.placeholder,
      labels: items.map((item) => item.label),
      initial: options.activeKey,
      password: false,
      messages,
    });
    for (;;) {
      const answer = this.take(options.placeholder, options.step);
      if (!('pick' in answer)) {
        throw new Error(`The script answered the pick "${options.placeholder}" with ${described(answer)}.`);
      }
      const wanted = answer.pick;
      const item = items.find((candidate) => (typeof wanted === 'string' ? candidate.label === wanted : wanted.test(candidate.label)));
      if (item === undefined) {
        throw new Error(`No item ${String(wanted)} in the pick "${options.placeholder}": ${items.map((candidate) => candidate.label).join(' | ')} ${messages.join(' ')}`);
      }
      const check = options.check;
      const message = check === undefined ? undefined : await checkOutcome(() => check(item, new AbortController().signal));
      if (this.accepted(answer, message, messages, options.placeholder)) {
        return item;
      }
    }
  }

  async input(options: InputOptions): Promise<string> {
    const messages: string[] = [];
    // The real box opens at once and takes a suggestion Azure is asked for when it comes; the script waits for it.
    this.prompts.push({
      kind: 'input',
      title: options.title,
      step: options.step,
      totalSteps: options.totalSteps,
      text: options.prompt,
      labels: [],
      initial: await options.value,
      password: options.password === true,
      messages,
    });
    for (;;) {
      const answer = this.take(options.prompt, options.step);
      if (!('input' in answer)) {
        throw new Error(`The script answered the input "${options.prompt}" with ${described(answer)}.`);
      }
      await answer.whenReady?.();
      const value = answer.input;
      const check = options.check;
      const message =
        options.validate?.(value) ?? (check === undefined ? undefined : await checkOutcome(() => check(value, new AbortController().signal)));
      if (this.accepted(answer, message, messages, options.prompt)) {
        return value;
      }
    }
  }

  chooseFileToSave(options: { readonly title: string; readonly defaultFileName: string }): Promise<string> {
    return Promise.resolve(this.file(options.title));
  }

  chooseFileToOpen(options: { readonly title: string }): Promise<string> {
    return Promise.resolve(this.file(options.title));
  }

  choose<T extends string>(options: ChoiceOptions<T>): Promise<T | undefined> {
    this.prompts.push({
      kind: 'choice',
      title: '',
      step: 0,
      totalSteps: 0,
      text: [options.message, options.detail ?? ''].join('\n'),
      labels: options.choices.map((choice) => choice.label),
      initial: undefined,
      password: false,
      messages: [],
    });
    if (this.answers[this.next] === 'cancel') {
      this.next += 1;
      return Promise.resolve(undefined);
    }
    const answer = this.take(options.message, undefined);
    if (!('choose' in answer)) {
      throw new Error(`The script answered the choice "${options.message}" with ${described(answer)}.`);
    }
    const wanted = answer.choose;
    const choice = options.choices.find((candidate) => (typeof wanted === 'string' ? candidate.label === wanted : wanted.test(candidate.label)));
    if (choice === undefined) {
      throw new Error(`No choice ${String(wanted)} in "${options.message}": ${options.choices.map((candidate) => candidate.label).join(' | ')}`);
    }
    return Promise.resolve(choice.data);
  }

  private file(title: string): string {
    const answer = this.take(title, undefined);
    if (!('file' in answer)) {
      throw new Error(`The script answered the file dialog "${title}" with ${described(answer)}.`);
    }
    return answer.file;
  }

  /** The next answer; Back (which the first step does not have) and Escape end the prompt as the real ones do. */
  private take(prompt: string, step: number | undefined): Exclude<ScriptedAnswer, 'back' | 'cancel'> {
    if (this.next >= this.answers.length) {
      throw new Error(`The script has no answer left for "${prompt}".`);
    }
    const answer = this.answers[this.next];
    this.next += 1;
    if (answer === 'back') {
      if (step === undefined || step <= 1) {
        throw new Error(`The script pressed Back on "${prompt}", which has no Back button.`);
      }
      throw new GoBackError();
    }
    if (answer === 'cancel') {
      throw new UserCancelledError(prompt);
    }
    return answer;
  }

  /** Whether the prompt completes with this answer; throws when the script expected otherwise. */
  private accepted(answer: { readonly rejectedWith?: RegExp }, message: string | undefined, messages: string[], prompt: string): boolean {
    if (message !== undefined) {
      messages.push(message);
    }
    if (answer.rejectedWith === undefined) {
      if (message !== undefined) {
        throw new Error(`"${prompt}" refused an answer the script expected to pass: ${message}`);
      }
      return true;
    }
    if (message === undefined || !answer.rejectedWith.test(message)) {
      throw new Error(`"${prompt}" should have refused the answer with ${String(answer.rejectedWith)}, but said: ${message ?? '(accepted it)'}`);
    }
    return false;
  }
}
