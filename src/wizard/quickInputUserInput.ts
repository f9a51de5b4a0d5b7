import * as os from 'node:os';
import * as vscode from 'vscode';
import { errorMessage } from '../azure/azureErrors';
import { UserCancelledError } from '../util/userCancelledError';
import { checkOutcome } from './checkOutcome';
import { GoBackError, type ChoiceOptions, type InputOptions, type PickItem, type PickOptions, type PromptPosition, type UserInput } from './userInput';

type QuickPickEntry<T> = vscode.QuickPickItem & { readonly item: PickItem<T> };

function position(input: vscode.QuickInput, options: PromptPosition): void {
  input.title = options.title;
  input.step = options.step;
  input.totalSteps = options.totalSteps;
  input.ignoreFocusOut = true; // focus moving away never loses what was typed
}

/**
 * The wizard's prompts on VS Code's own QuickPick and InputBox: a Back button from the second step on, "(n/N)" in
 * the title, the busy indicator while Azure is asked, and a check's result discarded when a newer one has started.
 */
export class QuickInputUserInput implements UserInput {
  pick<T>(options: PickOptions<T>): Promise<PickItem<T>> {
    const quickPick = vscode.window.createQuickPick<QuickPickEntry<T>>();
    position(quickPick, options);
    quickPick.placeholder = options.placeholder;
    quickPick.matchOnDescription = true;
    quickPick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const checks = new AbortController();
    return new Promise<PickItem<T>>((resolve, reject) => {
      let settled = false;
      let checkRun = 0;
      const finish = (outcome: () => void): void => {
        settled = true;
        outcome();
        quickPick.dispose();
      };
      quickPick.onDidTriggerButton(() => {
        finish(() => {
          reject(new GoBackError());
        });
      });
      quickPick.onDidHide(() => {
        checks.abort();
        if (!settled) {
          finish(() => {
            reject(new UserCancelledError(options.title));
          });
        }
      });
      quickPick.onDidAccept(async () => {
        const entry = quickPick.selectedItems.at(0) ?? quickPick.activeItems.at(0);
        if (entry === undefined) {
          return;
        }
        if (options.check === undefined) {
          finish(() => {
            resolve(entry.item);
          });
          return;
        }
        checkRun += 1;
        const run = checkRun;
        quickPick.busy = true;
        const check = options.check;
        const message = await checkOutcome(() => check(entry.item, checks.signal));
        if (run !== checkRun || settled) {
          return; // a newer check started, or the prompt went away
        }
        quickPick.busy = false;
        if (message === undefined) {
          finish(() => {
            resolve(entry.item);
          });
        } else {
          quickPick.placeholder = message;
          void vscode.window.showWarningMessage(message);
        }
      });
      quickPick.busy = true;
      quickPick.show();
      Promise.resolve(options.items).then(
        (items) => {
          if (settled) {
            return;
          }
          const entries = items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, item }));
          quickPick.items = entries;
          const active = entries.find((entry) => (entry.item.key ?? entry.item.label) === options.activeKey);
          if (active !== undefined) {
            quickPick.activeItems = [active];
          }
          quickPick.busy = false;
        },
        (error: unknown) => {
          // Nothing to pick (a read failed, nothing fits): the prompt stays, says why, and the user goes back or cancels.
          if (!settled) {
            quickPick.items = [];
            quickPick.placeholder = errorMessage(error);
            quickPick.busy = false;
          }
        },
      );
    });
  }

  input(options: InputOptions): Promise<string> {
    const inputBox = vscode.window.createInputBox();
    position(inputBox, options);
    inputBox.prompt = options.prompt;
    inputBox.placeholder = options.placeholder;
    inputBox.password = options.password === true;
    const suggestion = options.password === true ? undefined : options.value;
    inputBox.value = typeof suggestion === 'string' ? suggestion : '';
    inputBox.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    const checks = new AbortController();
    return new Promise<string>((resolve, reject) => {
      let settled = false;
      let checkRun = 0;
      const finish = (outcome: () => void): void => {
        settled = true;
        outcome();
        inputBox.dispose();
      };
      const validate = (value: string): string | undefined => options.validate?.(value);
      /** The user has typed (a change came from the box). */
      let typed = false;
      /** Set once the suggestion was put in the box, until the box's next change says what it holds. */
      let suggestionShown = false;
      inputBox.onDidChangeValue((value) => {
        typed = true;
        checkRun += 1; // a check of an older value no longer counts
        inputBox.busy = false;
        if (suggestionShown) {
          // The user's typing can cross the suggestion on its way to the box: the box would then show the suggestion
          // while this holds what was typed. Putting it back once makes the screen show what is checked.
          suggestionShown = false;
          inputBox.value = value;
        }
        inputBox.validationMessage = validate(value);
      });
      inputBox.onDidTriggerButton(() => {
        finish(() => {
          reject(new GoBackError());
        });
      });
      inputBox.onDidHide(() => {
        checks.abort();
        if (!settled) {
          finish(() => {
            reject(new UserCancelledError(options.title));
          });
        }
      });
      inputBox.onDidAccept(async () => {
        const value = inputBox.value;
        const invalid = validate(value);
        if (invalid !== undefined) {
          inputBox.validationMessage = invalid;
          return;
        }
        if (options.check === undefined) {
          finish(() => {
            resolve(value);
          });
          return;
        }
        checkRun += 1;
        const run = checkRun;
        inputBox.busy = true;
        inputBox.enabled = false;
        const check = options.check;
        const message = await checkOutcome(() => check(value, checks.signal));
        if (run !== checkRun || settled) {
          return;
        }
        inputBox.busy = false;
        inputBox.enabled = true;
        if (message === undefined) {
          finish(() => {
            resolve(value);
          });
        } else {
          inputBox.validationMessage = message;
        }
      });
      inputBox.show();
      if (inputBox.value !== '') {
        inputBox.validationMessage = validate(inputBox.value);
      }
      if (suggestion !== undefined && typeof suggestion !== 'string') {
        inputBox.busy = true;
        void suggestion.then(
          (value) => {
            inputBox.busy = false;
            if (!settled && value !== undefined && !typed && inputBox.value === '') {
              inputBox.value = value;
              suggestionShown = true;
              inputBox.validationMessage = validate(value);
            }
          },
          () => {
            inputBox.busy = false; // no suggestion: the user types the value, and its check says what fails
          },
        );
      }
    });
  }

  async chooseFileToSave(options: { readonly title: string; readonly defaultFileName: string }): Promise<string> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const uri = await vscode.window.showSaveDialog({
      title: options.title,
      defaultUri: vscode.Uri.joinPath(folder, options.defaultFileName),
      filters: { [vscode.l10n.t('Deployment plan')]: ['json'] },
    });
    if (uri === undefined) {
      throw new UserCancelledError(options.title);
    }
    return uri.fsPath;
  }

  async chooseFileToOpen(options: { readonly title: string }): Promise<string> {
    const uris = await vscode.window.showOpenDialog({
      title: options.title,
      canSelectMany: false,
      filters: { [vscode.l10n.t('Deployment plan')]: ['json'] },
    });
    const uri = uris?.[0];
    if (uri === undefined) {
      throw new UserCancelledError(options.title);
    }
    return uri.fsPath;
  }

  async choose<T extends string>(options: ChoiceOptions<T>): Promise<T | undefined> {
    const labels = options.choices.map((choice) => choice.label);
    const picked =
      options.modal === false
        ? await vscode.window.showWarningMessage(options.detail === undefined ? options.message : `${options.message} ${options.detail}`, ...labels)
        : await vscode.window.showWarningMessage(options.message, { modal: true, ...(options.detail === undefined ? {} : { detail: options.detail }) }, ...labels);
    return options.choices.find((choice) => choice.label === picked)?.data;
  }
}
