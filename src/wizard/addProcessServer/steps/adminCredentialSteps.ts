import * as vscode from 'vscode';
import { validateAdminPassword, validateAdminUsername, validatePasswordConfirmation } from '../../rules/credentialRules';
import type { PromptStep, StepPrompts } from '../../wizard';
import type { AddProcessServerContext } from '../addProcessServerContext';

/** Step 3b: the VM's administrator user name, under Azure's rules for Windows. */
export class AdminUsernameStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'adminUsername';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.adminUsername === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    context.adminUsername = await prompts.input({
      prompt: vscode.l10n.t('Administrator user name on the process server'),
      value: 'asradmin',
      validate: validateAdminUsername,
    });
  }
}

/** Step 3c: the administrator password, masked, under Azure's complexity rules. Never kept for the way back. */
export class AdminPasswordStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'adminPassword';

  constructor(private readonly registerSecret: (secret: string) => void) {}

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.adminPassword === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const password = await prompts.input({
      prompt: vscode.l10n.t('Administrator password (12 to 123 characters, with 3 of: lower case, upper case, digit, special character)'),
      password: true,
      validate: validateAdminPassword,
    });
    this.registerSecret(password);
    context.adminPassword = password;
  }
}

/** Step 3d: the password again, masked. */
export class ConfirmPasswordStep implements PromptStep<AddProcessServerContext> {
  readonly id = 'confirmPassword';

  shouldPrompt(context: AddProcessServerContext): boolean {
    return context.adminPasswordConfirmed === undefined;
  }

  async prompt(context: AddProcessServerContext, prompts: StepPrompts): Promise<void> {
    const password = context.adminPassword ?? '';
    await prompts.input({
      prompt: vscode.l10n.t('Administrator password again, to confirm it'),
      password: true,
      validate: (confirmation) => validatePasswordConfirmation(confirmation, password),
    });
    context.adminPasswordConfirmed = true;
  }
}
