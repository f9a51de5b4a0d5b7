/**
 * How a wizard asks the user: one interface, two implementations. `QuickInputUserInput` shows VS Code's QuickPick and
 * InputBox; tests answer the same prompts with a script (test/integration/scriptedUserInput.ts). Both throw
 * `GoBackError` when the user goes back and `UserCancelledError` when they dismiss the prompt.
 */

/** Thrown by a prompt when the user pressed its Back button. */
export class GoBackError extends Error {
  constructor() {
    super('The user went back one step.');
    this.name = 'GoBackError';
  }
}

/**
 * Whether an error is the user going back. Told by name, not by class: a prompt implementation loaded from another
 * bundle (a test's scripted input) throws its own copy of the class.
 */
export function isGoBack(error: unknown): boolean {
  return error instanceof Error && error.name === 'GoBackError';
}

/** Where a prompt stands in its wizard: "(step/totalSteps)" in the title. */
export interface PromptPosition {
  readonly title: string;
  readonly step: number;
  readonly totalSteps: number;
}

/** An item of a pick; `data` is what the step gets back. */
export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly data: T;
  /** A stable key for remembering the choice (recent choices, the way back); the label when omitted. */
  readonly key?: string;
}

export interface PickOptions<T> extends PromptPosition {
  readonly placeholder: string;
  /** The items, or a promise of them (the prompt shows its busy indicator until they are there). */
  readonly items: readonly PickItem<T>[] | Promise<readonly PickItem<T>[]>;
  /** The key of the item to have active first (an earlier answer, a recent choice). */
  readonly activeKey?: string;
  /**
   * An Azure-side check of the picked item, run before the step completes (busy meanwhile): a message keeps the
   * prompt open with the message shown; undefined accepts the pick.
   */
  readonly check?: (item: PickItem<T>, signal: AbortSignal) => Promise<string | undefined>;
}

export interface InputOptions extends PromptPosition {
  readonly prompt: string;
  readonly placeholder?: string;
  /**
   * The text the box starts with (an earlier answer, a suggestion); never set for a password. A suggestion that Azure
   * must be asked for comes as a promise: the box opens at once, busy, and takes it unless the user has typed.
   */
  readonly value?: string | Promise<string | undefined>;
  readonly password?: boolean;
  /** Azure's rules on the text, checked as it is typed: a message says what is wrong and how to fix it. */
  readonly validate?: (value: string) => string | undefined;
  /** An Azure-side check run when the text is accepted (busy meanwhile); a message keeps the box open. */
  readonly check?: (value: string, signal: AbortSignal) => Promise<string | undefined>;
}

/** A decision the user takes on a message with one button per choice: modal (after a failure) or a notification. */
export interface ChoiceOptions<T extends string> {
  readonly message: string;
  /** False for a notification the user may leave for later (the offer at start-up); modal otherwise. */
  readonly modal?: boolean;
  readonly detail?: string;
  readonly choices: readonly { readonly label: string; readonly data: T }[];
}

export interface UserInput {
  pick<T>(options: PickOptions<T>): Promise<PickItem<T>>;
  input(options: InputOptions): Promise<string>;
  /** Where to save a file (a path); UserCancelledError when the user closes the dialog. */
  chooseFileToSave(options: { readonly title: string; readonly defaultFileName: string }): Promise<string>;
  /** Which file to open (a path); UserCancelledError when the user closes the dialog. */
  chooseFileToOpen(options: { readonly title: string }): Promise<string>;
  /** The choice the user took, or undefined when they dismissed the message. */
  choose<T extends string>(options: ChoiceOptions<T>): Promise<T | undefined>;
}
