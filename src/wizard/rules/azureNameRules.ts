/**
 * The naming rules Azure enforces on the resources the "Add Process Server in Azure" wizard creates, checked before
 * deploying so that the user hears about a bad name while typing it rather than from a failed deployment. Each
 * function suits a QuickPick's `validateInput`: undefined when the name is acceptable, otherwise one message that says
 * what is wrong and how to fix it. The rules are those of docs/domain.md, "Input rules Azure enforces" (from
 * `resource-name-rules.md` and the Windows VM FAQ); whether a storage account name is still free is checked against
 * Azure elsewhere (`checkNameAvailability`).
 *
 * Lengths count characters as the user sees them (code points).
 */
import * as vscode from 'vscode';
import { characterCount, describeCharacters, isAsciiAlphanumeric, rejectedCharacters } from './characters';

/**
 * The Windows computer name's limit. The server name is also the Azure VM resource name, whose limit (64) is larger,
 * so a name within 15 characters satisfies both.
 */
const SERVER_NAME_MAX_LENGTH = 15;
/** Not allowed in a Windows VM's resource name nor its computer name: these, a space, and (Windows) the period. */
const SERVER_NAME_FORBIDDEN = new Set(' ~!@#$%^&*()=+_[]{}\\|;:.\'",<>/?');

const RESOURCE_GROUP_MAX_LENGTH = 90;
const RESOURCE_GROUP_PUNCTUATION = new Set('._-()');

const STORAGE_ACCOUNT_MIN_LENGTH = 3;
const STORAGE_ACCOUNT_MAX_LENGTH = 24;

const NETWORK_INTERFACE_MAX_LENGTH = 80;
const NETWORK_INTERFACE_PUNCTUATION = new Set('_.-');

/**
 * The process server's name, which the wizard uses both as the Azure VM's resource name and as its Windows computer
 * name: 1 to 15 characters, none of the characters Windows VM names forbid (space and period included), not ending
 * with a hyphen, and not digits only (Compute's own refusal: "Windows computer name cannot be more than 15 characters
 * long, be entirely numeric, or contain the following characters").
 */
export function validateServerName(name: string): string | undefined {
  if (name === '') {
    return vscode.l10n.t('Enter a server name of 1 to 15 characters (it is also the Windows computer name).');
  }
  if (characterCount(name) > SERVER_NAME_MAX_LENGTH) {
    return vscode.l10n.t('The server name can have at most 15 characters (it is also the Windows computer name); shorten it.');
  }
  const forbidden = rejectedCharacters(name, (character) => !SERVER_NAME_FORBIDDEN.has(character));
  if (forbidden.length > 0) {
    return vscode.l10n.t(
      'The server name contains {0}, which Azure VM names and Windows computer names cannot have; remove or replace it.',
      describeCharacters(forbidden),
    );
  }
  if (name.endsWith('-')) {
    return vscode.l10n.t('The server name cannot end with a hyphen (-); remove it or put a letter or digit after it.');
  }
  if (/^\d+$/.test(name)) {
    return vscode.l10n.t('The server name cannot be digits only (it is also the Windows computer name); add a letter.');
  }
  return undefined;
}

/**
 * A new resource group's name: 1 to 90 characters, letters, digits, `.`, `_`, `-`, `(`, `)`, not ending with a period.
 *
 * Azure itself accepts Unicode letters and digits in resource group names; docs/domain.md states the rule as
 * "alphanumerics", and this check accepts ASCII letters and digits only, so it is stricter than Azure for names such as
 * "リソース". Existing resource groups are picked from a list, not typed, so this only limits the names of new ones.
 */
export function validateResourceGroupName(name: string): string | undefined {
  if (name === '') {
    return vscode.l10n.t('Enter a resource group name.');
  }
  if (characterCount(name) > RESOURCE_GROUP_MAX_LENGTH) {
    return vscode.l10n.t('The resource group name can have at most 90 characters; shorten it.');
  }
  const forbidden = rejectedCharacters(
    name,
    (character) => isAsciiAlphanumeric(character) || RESOURCE_GROUP_PUNCTUATION.has(character),
  );
  if (forbidden.length > 0) {
    return vscode.l10n.t(
      'The resource group name contains {0}; use only letters (A-Z, a-z), digits, periods (.), underscores (_), hyphens (-) and parentheses.',
      describeCharacters(forbidden),
    );
  }
  if (name.endsWith('.')) {
    return vscode.l10n.t('The resource group name cannot end with a period (.); remove it.');
  }
  return undefined;
}

/**
 * A storage account's name: 3 to 24 lowercase letters and digits. It must also be unique across all of Azure, which
 * only Azure can answer (`checkNameAvailability`); that check is not made here.
 */
export function validateStorageAccountName(name: string): string | undefined {
  if (name === '') {
    return vscode.l10n.t('Enter a storage account name of 3 to 24 lowercase letters and digits.');
  }
  const length = characterCount(name);
  if (length < STORAGE_ACCOUNT_MIN_LENGTH) {
    return vscode.l10n.t('The storage account name needs at least 3 characters; make it longer.');
  }
  if (length > STORAGE_ACCOUNT_MAX_LENGTH) {
    return vscode.l10n.t('The storage account name can have at most 24 characters; shorten it.');
  }
  const forbidden = rejectedCharacters(name, (character) => /^[a-z0-9]$/.test(character));
  if (forbidden.length > 0) {
    return vscode.l10n.t(
      'The storage account name contains {0}; use only lowercase letters (a-z) and digits (0-9).',
      describeCharacters(forbidden),
    );
  }
  return undefined;
}

/**
 * A network interface's name: 1 to 80 letters, digits, `_`, `.`, `-`; starting with a letter or digit; ending with a
 * letter, digit or `_`. Letters and digits are ASCII, as for resource groups.
 */
export function validateNetworkInterfaceName(name: string): string | undefined {
  if (name === '') {
    return vscode.l10n.t('Enter a network interface name.');
  }
  if (characterCount(name) > NETWORK_INTERFACE_MAX_LENGTH) {
    return vscode.l10n.t('The network interface name can have at most 80 characters; shorten it.');
  }
  const forbidden = rejectedCharacters(
    name,
    (character) => isAsciiAlphanumeric(character) || NETWORK_INTERFACE_PUNCTUATION.has(character),
  );
  if (forbidden.length > 0) {
    return vscode.l10n.t(
      'The network interface name contains {0}; use only letters (A-Z, a-z), digits, underscores (_), periods (.) and hyphens (-).',
      describeCharacters(forbidden),
    );
  }
  if (!isAsciiAlphanumeric(name.charAt(0))) {
    return vscode.l10n.t('The network interface name must start with a letter or digit; remove or replace its first character.');
  }
  const last = name.charAt(name.length - 1);
  if (!isAsciiAlphanumeric(last) && last !== '_') {
    return vscode.l10n.t(
      'The network interface name must end with a letter, digit or underscore (_); remove or replace its last character.',
    );
  }
  return undefined;
}
