/**
 * The rules Azure enforces on a Windows VM's administrator account (docs/domain.md, "Input rules Azure enforces", from
 * the Windows VM FAQ and the portal), for the wizard's `validateInput`: undefined when acceptable, otherwise one message
 * that says what is wrong and how to fix it.
 *
 * No message here ever contains the password, nor anything computed from it other than which kinds of characters it
 * lacks.
 */
import * as vscode from 'vscode';
import { characterCount, describeCharacters, rejectedCharacters } from './characters';

const USERNAME_MAX_LENGTH = 20;
const USERNAME_FORBIDDEN = new Set('\\/"[]:|<>+=;,?*@&');
/** User names Azure refuses for a Windows VM's administrator, compared case-insensitively. */
const DISALLOWED_USERNAMES: ReadonlySet<string> = new Set([
  'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a',
  'actuser', 'adm', 'admin2', 'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server',
  'sql', 'support', 'support_388945a0', 'sys', 'test2', 'test3', 'user4', 'user5',
]);

/** The portal's limits for a Windows VM's administrator password. */
const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 123;
const PASSWORD_MIN_KINDS = 3;
/**
 * Passwords Azure refuses, compared case-insensitively: "password1" is as guessable as "Password1", and refusing a
 * case variant costs the user nothing. (Every one of them is also shorter than 12 characters, so the length rule
 * refuses them too; they are checked first so that the message gives the real reason.)
 */
const DISALLOWED_PASSWORDS: ReadonlySet<string> = new Set(
  ['abc@123', 'P@$$w0rd', 'P@ssw0rd', 'P@ssword123', 'Pa$$word', 'pass@word1', 'Password!', 'Password1', 'Password22', 'iloveyou!'].map(
    (password) => password.toLowerCase(),
  ),
);

/** The four kinds of characters, at least three of which a password needs; special is Azure's own `[\W_]`. */
const PASSWORD_KINDS: readonly { readonly pattern: RegExp; readonly label: () => string }[] = [
  { pattern: /[a-z]/, label: () => vscode.l10n.t('lowercase letters') },
  { pattern: /[A-Z]/, label: () => vscode.l10n.t('uppercase letters') },
  { pattern: /\d/, label: () => vscode.l10n.t('digits') },
  { pattern: /[\W_]/, label: () => vscode.l10n.t('special characters') },
];

/**
 * The Windows administrator's user name: 1 to 20 characters, not ending with a period, none of
 * `\ / " [ ] : | < > + = ; , ? * @ &`, and not one of the names Azure refuses (in any letter case).
 */
export function validateAdminUsername(name: string): string | undefined {
  if (name === '') {
    return vscode.l10n.t('Enter a user name for the administrator of the server.');
  }
  if (characterCount(name) > USERNAME_MAX_LENGTH) {
    return vscode.l10n.t('The user name can have at most 20 characters; shorten it.');
  }
  const forbidden = rejectedCharacters(name, (character) => !USERNAME_FORBIDDEN.has(character));
  if (forbidden.length > 0) {
    return vscode.l10n.t(
      'The user name contains {0}, which Azure does not allow in an administrator user name; remove or replace it.',
      describeCharacters(forbidden),
    );
  }
  if (name.endsWith('.')) {
    return vscode.l10n.t('The user name cannot end with a period (.); remove it.');
  }
  if (DISALLOWED_USERNAMES.has(name.toLowerCase())) {
    return vscode.l10n.t('Azure does not allow "{0}" as the administrator user name (it is too easy to guess); choose another name.', name);
  }
  return undefined;
}

/**
 * The Windows administrator's password: not one of the passwords Azure refuses (in any letter case), 12 to 123
 * characters, with characters of at least 3 of the 4 kinds (lowercase, uppercase, digit, special). The message never
 * contains the password.
 */
export function validateAdminPassword(password: string): string | undefined {
  if (password === '') {
    return vscode.l10n.t('Enter a password for the administrator of the server.');
  }
  if (DISALLOWED_PASSWORDS.has(password.toLowerCase())) {
    return vscode.l10n.t('Azure does not allow this password because it is too common; choose another one.');
  }
  const length = characterCount(password);
  if (length < PASSWORD_MIN_LENGTH) {
    return vscode.l10n.t('The password needs at least 12 characters; make it longer.');
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return vscode.l10n.t('The password can have at most 123 characters; shorten it.');
  }
  const missing = PASSWORD_KINDS.filter((kind) => !kind.pattern.test(password));
  if (PASSWORD_KINDS.length - missing.length < PASSWORD_MIN_KINDS) {
    return vscode.l10n.t(
      'The password needs characters of at least 3 of these 4 kinds: lowercase letters, uppercase letters, digits, special characters (such as ! or _); add some of: {0}.',
      missing.map((kind) => kind.label()).join(', '),
    );
  }
  return undefined;
}

/** The password typed a second time: it must be the same. Neither password appears in the message. */
export function validatePasswordConfirmation(confirmation: string, password: string): string | undefined {
  if (confirmation === '') {
    return vscode.l10n.t('Enter the password again to confirm it.');
  }
  if (confirmation !== password) {
    return vscode.l10n.t('The two passwords do not match; enter the same password again.');
  }
  return undefined;
}
