/** Azure's rules for a Windows VM's computer name, admin user name and admin password (domain.md), with CRP's errors. */
import { invalidParameter, type ArmError } from '../errors';

const disallowedUserNames = new Set([
  'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a', 'actuser', 'adm', 'admin2',
  'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server', 'sql', 'support', 'support_388945a0', 'sys',
  'test2', 'test3', 'user4', 'user5',
]);

const disallowedPasswords = new Set([
  'abc@123', 'p@$$w0rd', 'p@ssw0rd', 'p@ssword123', 'pa$$word', 'pass@word1', 'password!', 'password1', 'password22', 'iloveyou!',
]);

/** Windows computer name: up to 15 characters, not all digits, none of the forbidden characters, no trailing hyphen. */
export function computerNameError(computerName: string): ArmError | undefined {
  const invalid = computerName.length === 0 || computerName.length > 15 || /^\d+$/.test(computerName)
    || /[\s`~!@#$%^&*()=+_[\]{}\\|;:.'",<>/?]/.test(computerName) || computerName.endsWith('-');
  if (!invalid) {
    return undefined;
  }
  return invalidParameter(
    "Windows computer name cannot be more than 15 characters long, be entirely numeric, or contain the following characters: ` ~ ! @ # $ % ^ & * ( ) = + _ [ ] { } \\ | ; : . ' \" , < > / ?.",
    'computerName',
  );
}

/** Windows admin user name: at most 20 characters, no trailing period, none of the forbidden characters or names. */
export function adminUsernameError(userName: string): ArmError | undefined {
  if (disallowedUserNames.has(userName.toLowerCase())) {
    return invalidParameter('The Admin Username specified is not allowed.', 'adminUsername');
  }
  if (userName.length === 0 || userName.length > 20 || userName.endsWith('.') || /[\\/"[\]:|<>+=;,?*@&]/.test(userName)) {
    return invalidParameter(
      'Windows admin user name cannot be more than 20 characters long, end with a period(.), or contain the following characters: \\ / " [ ] : | < > + = ; , ? * @.',
      'adminUsername',
    );
  }
  return undefined;
}

function hasControlCharacter(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) < 0x20) {
      return true;
    }
  }
  return false;
}

/** Admin password: 12-123 characters, 3 of 4 character classes, not a well-known password. The message never contains it. */
export function adminPasswordError(password: string): ArmError | undefined {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[\W_]/].filter((pattern) => pattern.test(password)).length;
  if (password.length < 12 || password.length > 123 || classes < 3 || hasControlCharacter(password)) {
    return invalidParameter(
      'The supplied password must be between 12-123 characters long and must satisfy at least 3 of password complexity requirements from the following:\r\n1) Contains an uppercase character\r\n2) Contains a lowercase character\r\n3) Contains a numeric digit\r\n4) Contains a special character\r\n5) Control characters are not allowed',
      'adminPassword',
    );
  }
  if (disallowedPasswords.has(password.toLowerCase())) {
    return invalidParameter('The supplied password is not allowed. Please choose a different password.', 'adminPassword');
  }
  return undefined;
}
