// The wizard's input rules (src/wizard/rules/) inside the real extension host, since their messages go through
// vscode.l10n.t (English here). Each refusal is checked for the part of its message that says what is wrong, so that a
// rule that breaks, or refuses for another reason, fails the test.
import * as assert from 'node:assert/strict';
import {
  validateNetworkInterfaceName,
  validateResourceGroupName,
  validateServerName,
  validateStorageAccountName,
} from '../../src/wizard/rules/azureNameRules';
import { validateAdminPassword, validateAdminUsername, validatePasswordConfirmation } from '../../src/wizard/rules/credentialRules';
import {
  firstAssignableAddress,
  formatIpv4,
  parseIpv4,
  parseIpv4Prefix,
  reservedAddresses,
  validatePort,
  validateStaticIpAddress,
} from '../../src/wizard/rules/ipAddressRules';

/** The message a rule gave, asserting that it refused the input and said what `pattern` says. */
function assertRefused(message: string | undefined, pattern: RegExp, input: string): string {
  if (message === undefined) {
    assert.fail(`expected ${JSON.stringify(input)} to be refused (${String(pattern)})`);
  }
  assert.match(message, pattern, `the message for ${JSON.stringify(input)}`);
  return message;
}

function assertAccepted(message: string | undefined, input: string): void {
  assert.equal(message, undefined, `expected ${JSON.stringify(input)} to be accepted`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** How a message names one refused character: `"x"`, or "space". */
function namedCharacter(character: string): RegExp {
  return character === ' ' ? /\bspace\b/ : new RegExp(`"${escapeRegExp(character)}"`);
}

/** `count` characters: letters and digits cycling from "a", starting with a letter. */
function nameOfLength(count: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length: count }, (_unused, index) => alphabet[index % alphabet.length]).join('');
}

describe('Input rules: server name (Azure VM name and Windows computer name)', () => {
  it('accepts a typical name, hyphens inside, digits with a letter, and exactly 15 characters', () => {
    for (const name of ['asr-ps-01', 'PS1', 'a-b-c', '12345a', 'abcdefghijklmno']) {
      assertAccepted(validateServerName(name), name);
    }
  });

  it('refuses a name of digits only, as Compute refuses such a Windows computer name', () => {
    assertRefused(validateServerName('12345'), /cannot be digits only/, '12345');
  });

  it('refuses 16 characters, saying the Windows computer name allows 15', () => {
    const name = 'abcdefghijklmnop';
    assert.equal(name.length, 16);
    assertRefused(validateServerName(name), /at most 15 characters \(it is also the Windows computer name\); shorten it/, name);
  });

  it('refuses an empty name', () => {
    assertRefused(validateServerName(''), /Enter a server name of 1 to 15 characters/, '');
  });

  it('refuses each character Windows VM names cannot have, space and period included, and names it', () => {
    for (const character of ' ~!@#$%^&*()=+_[]{}\\|;:.\'",<>/?') {
      const name = `ps${character}01`;
      const message = assertRefused(validateServerName(name), /contains .*, which Azure VM names and Windows computer names cannot have/, name);
      assert.match(message, namedCharacter(character), name);
    }
  });

  it('names every refused character once', () => {
    assertRefused(validateServerName('a.b_c.d e'), /contains "\.", "_", space, which/, 'a.b_c.d e');
  });

  it('refuses a name ending with a hyphen', () => {
    assertRefused(validateServerName('asr-ps-'), /cannot end with a hyphen \(-\)/, 'asr-ps-');
  });
});

describe('Input rules: resource group name', () => {
  it('accepts letters, digits and each of . _ - ( ) inside, and exactly 90 characters', () => {
    for (const name of ['rg-asr_failback.(tokyo)', 'RG1', '(rg)', '_rg', 'a.b', nameOfLength(90)]) {
      assertAccepted(validateResourceGroupName(name), name);
    }
  });

  it('refuses 91 characters', () => {
    const name = nameOfLength(91);
    assertRefused(validateResourceGroupName(name), /at most 90 characters; shorten it/, name);
  });

  it('refuses an empty name', () => {
    assertRefused(validateResourceGroupName(''), /Enter a resource group name/, '');
  });

  it('refuses other characters and names them, non-ASCII letters included (stricter than Azure)', () => {
    for (const [name, character] of [['rg asr', ' '], ['rg/asr', '/'], ['rg#1', '#'], ['rg+1', '+'], ['リソース', 'リ']] as const) {
      const message = assertRefused(validateResourceGroupName(name), /contains .*; use only letters \(A-Z, a-z\), digits, periods/, name);
      assert.match(message, namedCharacter(character), name);
    }
  });

  it('refuses a name ending with a period', () => {
    assertRefused(validateResourceGroupName('rg-asr.'), /cannot end with a period \(\.\)/, 'rg-asr.');
  });
});

describe('Input rules: storage account name', () => {
  it('accepts lowercase letters and digits, 3 and 24 characters long', () => {
    for (const name of ['asrfailback01', 'abc', '123', nameOfLength(24)]) {
      assertAccepted(validateStorageAccountName(name), name);
    }
  });

  it('refuses 2 and 25 characters', () => {
    assertRefused(validateStorageAccountName('ab'), /needs at least 3 characters/, 'ab');
    const long = nameOfLength(25);
    assertRefused(validateStorageAccountName(long), /at most 24 characters; shorten it/, long);
  });

  it('refuses an empty name', () => {
    assertRefused(validateStorageAccountName(''), /Enter a storage account name of 3 to 24 lowercase letters and digits/, '');
  });

  it('refuses uppercase letters, hyphens, underscores and periods, naming them', () => {
    assertRefused(validateStorageAccountName('AsrStore'), /contains "A", "S"; use only lowercase letters \(a-z\) and digits/, 'AsrStore');
    for (const character of '-_. ') {
      const name = `asr${character}store`;
      const message = assertRefused(validateStorageAccountName(name), /use only lowercase letters \(a-z\) and digits \(0-9\)/, name);
      assert.match(message, namedCharacter(character), name);
    }
  });
});

describe('Input rules: network interface name', () => {
  it('accepts letters, digits, _ . - inside, a trailing underscore, and exactly 80 characters', () => {
    for (const name of ['ps01-nic_1.a', 'nic_', '1nic', nameOfLength(80)]) {
      assertAccepted(validateNetworkInterfaceName(name), name);
    }
  });

  it('refuses 81 characters', () => {
    const name = nameOfLength(81);
    assertRefused(validateNetworkInterfaceName(name), /at most 80 characters; shorten it/, name);
  });

  it('refuses an empty name', () => {
    assertRefused(validateNetworkInterfaceName(''), /Enter a network interface name/, '');
  });

  it('refuses other characters and names them', () => {
    for (const character of ' ()#/') {
      const name = `nic${character}1`;
      const message = assertRefused(validateNetworkInterfaceName(name), /contains .*; use only letters \(A-Z, a-z\), digits, underscores/, name);
      assert.match(message, namedCharacter(character), name);
    }
  });

  it('refuses a first character that is not a letter or digit', () => {
    for (const name of ['_nic', '-nic', '.nic']) {
      assertRefused(validateNetworkInterfaceName(name), /must start with a letter or digit/, name);
    }
  });

  it('refuses a last character that is not a letter, digit or underscore', () => {
    for (const name of ['nic-', 'nic.']) {
      assertRefused(validateNetworkInterfaceName(name), /must end with a letter, digit or underscore \(_\)/, name);
    }
  });
});

describe('Input rules: administrator user name (Windows)', () => {
  it('accepts a typical name, a period inside, and exactly 20 characters', () => {
    for (const name of ['asradmin', 'ops.admin', 'admin3', 'administrators', nameOfLength(20)]) {
      assertAccepted(validateAdminUsername(name), name);
    }
  });

  it('refuses 21 characters', () => {
    const name = nameOfLength(21);
    assertRefused(validateAdminUsername(name), /at most 20 characters; shorten it/, name);
  });

  it('refuses an empty name', () => {
    assertRefused(validateAdminUsername(''), /Enter a user name for the administrator/, '');
  });

  it('refuses a name ending with a period', () => {
    assertRefused(validateAdminUsername('asradmin.'), /cannot end with a period \(\.\)/, 'asradmin.');
  });

  it('refuses each character Azure does not allow, and names it', () => {
    for (const character of '\\/"[]:|<>+=;,?*@&') {
      const name = `asr${character}admin`;
      const message = assertRefused(validateAdminUsername(name), /contains .*, which Azure does not allow in an administrator user name/, name);
      assert.match(message, namedCharacter(character), name);
    }
  });

  it('refuses every disallowed name, in any letter case', () => {
    const disallowed = [
      'administrator', 'admin', 'user', 'user1', 'test', 'user2', 'test1', 'user3', 'admin1', '1', '123', 'a',
      'actuser', 'adm', 'admin2', 'aspnet', 'backup', 'console', 'david', 'guest', 'john', 'owner', 'root', 'server',
      'sql', 'support', 'support_388945a0', 'sys', 'test2', 'test3', 'user4', 'user5',
    ];
    for (const name of [...disallowed, 'Administrator', 'ROOT', 'Support_388945A0']) {
      assertRefused(validateAdminUsername(name), new RegExp(`does not allow "${escapeRegExp(name)}" as the administrator user name`), name);
    }
  });
});

describe('Input rules: administrator password', () => {
  /** Runs the rule and checks that a refusal never shows the password. */
  function passwordMessage(password: string): string | undefined {
    const message = validateAdminPassword(password);
    if (message !== undefined && password !== '') {
      assert.ok(!message.includes(password), `the message for a refused password contains the password: ${message}`);
    }
    return message;
  }

  it('accepts 12 and 123 characters with 3 or 4 kinds of characters', () => {
    const twelve = 'Failback-24x';
    const long = `Aa1${'x'.repeat(120)}`;
    assert.equal(twelve.length, 12);
    assert.equal(long.length, 123);
    for (const password of [twelve, long, 'Failback2024x', 'Failback-Server', 'failback_server_2024', 'FAILBACK-2024!']) {
      assertAccepted(passwordMessage(password), password);
    }
  });

  it('refuses 11 and 124 characters', () => {
    const eleven = 'Failback-2x';
    const tooLong = `Aa1${'x'.repeat(121)}`;
    assert.equal(eleven.length, 11);
    assert.equal(tooLong.length, 124);
    assertRefused(passwordMessage(eleven), /needs at least 12 characters; make it longer/, 'an 11-character password');
    assertRefused(passwordMessage(tooLong), /at most 123 characters; shorten it/, 'a 124-character password');
  });

  it('refuses an empty password', () => {
    assertRefused(passwordMessage(''), /Enter a password for the administrator/, '');
  });

  it('refuses fewer than 3 kinds of characters, naming the missing kinds', () => {
    assertRefused(
      passwordMessage('failbackserver2024'),
      /at least 3 of these 4 kinds.*; add some of: uppercase letters, special characters\.$/,
      'lowercase and digits',
    );
    assertRefused(
      passwordMessage('failbackserverzz'),
      /at least 3 of these 4 kinds.*; add some of: uppercase letters, digits, special characters\.$/,
      'lowercase only',
    );
    assertRefused(passwordMessage('FAILBACK-SERVER'), /add some of: lowercase letters, digits\.$/, 'uppercase and special');
    assertRefused(passwordMessage('2024-06-30_0915'), /add some of: lowercase letters, uppercase letters\.$/, 'digits and special');
  });

  it('refuses every disallowed password, in any letter case, as too common', () => {
    const disallowed = ['abc@123', 'P@$$w0rd', 'P@ssw0rd', 'P@ssword123', 'Pa$$word', 'pass@word1', 'Password!', 'Password1', 'Password22', 'iloveyou!'];
    for (const password of [...disallowed, 'PASSWORD1', 'p@ssw0rd', 'ILoveYou!']) {
      assertRefused(passwordMessage(password), /does not allow this password because it is too common/, password);
    }
  });

  it('never shows the password in any of its messages', () => {
    // Each of these is refused for a different reason; passwordMessage asserts the password is not in the message.
    for (const password of ['Sh0rt!pw', 'onlylowercaseletters', 'P@ssw0rd', `Zz9!${'q'.repeat(130)}`]) {
      assert.notEqual(passwordMessage(password), undefined, password);
    }
  });
});

describe('Input rules: password confirmation', () => {
  it('accepts the same password', () => {
    assertAccepted(validatePasswordConfirmation('Failback-2024x', 'Failback-2024x'), 'the same password');
  });

  it('refuses a different password, without showing either', () => {
    for (const confirmation of ['Failback-2024y', 'failback-2024x', 'Failback-2024x ']) {
      const message = assertRefused(validatePasswordConfirmation(confirmation, 'Failback-2024x'), /passwords do not match; enter the same password again/, confirmation);
      assert.ok(!message.includes('Failback-2024') && !message.includes('failback-2024'), message);
    }
  });

  it('asks for the password again when the confirmation is empty', () => {
    assertRefused(validatePasswordConfirmation('', 'Failback-2024x'), /Enter the password again to confirm it/, '');
  });
});

describe('Input rules: IPv4 helpers', () => {
  it('parses strict dotted quads to unsigned 32-bit numbers', () => {
    assert.equal(parseIpv4('10.0.0.5'), 10 * 2 ** 24 + 5);
    assert.equal(parseIpv4('0.0.0.0'), 0);
    assert.equal(parseIpv4('255.255.255.255'), 2 ** 32 - 1);
    assert.equal(parseIpv4('192.168.10.200'), ((192 * 256 + 168) * 256 + 10) * 256 + 200);
  });

  it('refuses anything else: three parts, 256, leading zeros, spaces, signs, hex, five parts', () => {
    for (const text of ['10.0.0', '10.0.0.256', '010.0.0.1', '10.0.0.01', ' 10.0.0.5 ', '10.0.0.5 ', '+1.0.0.1', '10.0.0.-1', '0x0a.0.0.1', '10.0.0.5.1', '10..0.1', '', 'a.b.c.d', '1e1.0.0.1', '１０.0.0.1']) {
      assert.equal(parseIpv4(text), undefined, JSON.stringify(text));
    }
  });

  it('formats numbers back to dotted quads and refuses numbers that are not addresses', () => {
    for (const text of ['10.0.0.5', '0.0.0.0', '255.255.255.255', '172.16.254.1']) {
      const value = parseIpv4(text);
      assert.notEqual(value, undefined);
      assert.equal(formatIpv4(value ?? -1), text);
    }
    for (const value of [-1, 2 ** 32, 1.5, Number.NaN]) {
      assert.throws(() => formatIpv4(value), RangeError, String(value));
    }
  });

  it('parses a CIDR prefix, and refuses host bits, bad lengths and other forms', () => {
    assert.deepEqual(parseIpv4Prefix('10.10.2.0/24'), { network: parseIpv4('10.10.2.0'), length: 24 });
    assert.deepEqual(parseIpv4Prefix('10.10.2.8/29'), { network: parseIpv4('10.10.2.8'), length: 29 });
    assert.deepEqual(parseIpv4Prefix('0.0.0.0/0'), { network: 0, length: 0 });
    for (const cidr of ['10.10.2.5/24', '10.10.2.0/33', '10.10.2.0/024', '10.10.2.0', '10.10.2.0/', '10.10.2.0/24/1', ' 10.10.2.0/24', '10.10.2/24', 'fd00::/64']) {
      assert.equal(parseIpv4Prefix(cidr), undefined, cidr);
    }
  });

  it('lists the first four and the last address of a /24 and a /29 as reserved', () => {
    const shown = (cidr: string): string[] => {
      const prefix = parseIpv4Prefix(cidr);
      assert.ok(prefix !== undefined, cidr);
      return reservedAddresses(prefix).map((entry) => `${formatIpv4(entry.address)} ${entry.position}`);
    };
    assert.deepEqual(shown('10.10.2.0/24'), [
      '10.10.2.0 firstFour', '10.10.2.1 firstFour', '10.10.2.2 firstFour', '10.10.2.3 firstFour', '10.10.2.255 last',
    ]);
    assert.deepEqual(shown('10.10.2.8/29'), [
      '10.10.2.8 firstFour', '10.10.2.9 firstFour', '10.10.2.10 firstFour', '10.10.2.11 firstFour', '10.10.2.15 last',
    ]);
  });

  it('gives the first assignable address, and none for a subnet smaller than /29', () => {
    assert.equal(firstAssignableAddress('10.10.2.0/24'), '10.10.2.4');
    assert.equal(firstAssignableAddress('10.10.2.8/29'), '10.10.2.12');
    assert.equal(firstAssignableAddress('10.0.0.0/16'), '10.0.0.4');
    assert.equal(firstAssignableAddress('10.10.2.0/30'), undefined);
    assert.equal(firstAssignableAddress('10.10.2.0/32'), undefined);
    assert.equal(firstAssignableAddress('not a prefix'), undefined);
  });
});

describe('Input rules: static IP address in the subnet', () => {
  const SUBNET_24 = '10.10.2.0/24';
  const SUBNET_29 = '10.10.2.8/29';

  it('accepts the first assignable address and the last one before the reserved last address', () => {
    const first = firstAssignableAddress(SUBNET_24) ?? '';
    for (const text of [first, '10.10.2.100', '10.10.2.254']) {
      assertAccepted(validateStaticIpAddress(text, SUBNET_24), text);
    }
  });

  it('refuses each of the first four addresses of a /24, saying why and which range to use', () => {
    for (const text of ['10.10.2.0', '10.10.2.1', '10.10.2.2', '10.10.2.3']) {
      const message = assertRefused(
        validateStaticIpAddress(text, SUBNET_24),
        /is one of the first four addresses of the subnet 10\.10\.2\.0\/24 \(10\.10\.2\.0 to 10\.10\.2\.3\), which Azure reserves in every subnet; choose an address from 10\.10\.2\.4 to 10\.10\.2\.254/,
        text,
      );
      assert.ok(message.startsWith(`${text} `), message);
    }
  });

  it('refuses the last address of a /24', () => {
    assertRefused(
      validateStaticIpAddress('10.10.2.255', SUBNET_24),
      /^10\.10\.2\.255 is the last address of the subnet 10\.10\.2\.0\/24, which Azure reserves in every subnet; choose an address from 10\.10\.2\.4 to 10\.10\.2\.254/,
      '10.10.2.255',
    );
  });

  it('refuses each reserved address of a /29 and accepts the three others', () => {
    for (const text of ['10.10.2.8', '10.10.2.9', '10.10.2.10', '10.10.2.11']) {
      assertRefused(
        validateStaticIpAddress(text, SUBNET_29),
        /one of the first four addresses of the subnet 10\.10\.2\.8\/29 \(10\.10\.2\.8 to 10\.10\.2\.11\).*from 10\.10\.2\.12 to 10\.10\.2\.14/,
        text,
      );
    }
    assertRefused(validateStaticIpAddress('10.10.2.15', SUBNET_29), /last address of the subnet 10\.10\.2\.8\/29.*from 10\.10\.2\.12 to 10\.10\.2\.14/, '10.10.2.15');
    for (const text of ['10.10.2.12', '10.10.2.13', '10.10.2.14']) {
      assertAccepted(validateStaticIpAddress(text, SUBNET_29), text);
    }
  });

  it('reserves per subnet, not per 256 addresses: x.x.0.255 is fine in a /16, x.x.255.255 is not', () => {
    assertAccepted(validateStaticIpAddress('10.0.0.255', '10.0.0.0/16'), '10.0.0.255');
    assertAccepted(validateStaticIpAddress('10.0.1.0', '10.0.0.0/16'), '10.0.1.0');
    assertRefused(validateStaticIpAddress('10.0.255.255', '10.0.0.0/16'), /last address of the subnet 10\.0\.0\.0\/16/, '10.0.255.255');
  });

  it('refuses an address outside the subnet, giving the subnet range', () => {
    for (const text of ['10.10.3.4', '10.10.1.255', '192.168.0.4']) {
      assertRefused(
        validateStaticIpAddress(text, SUBNET_24),
        /is outside the subnet 10\.10\.2\.0\/24, whose addresses run from 10\.10\.2\.0 to 10\.10\.2\.255; choose an address from 10\.10\.2\.4 to 10\.10\.2\.254/,
        text,
      );
    }
    for (const text of ['10.10.2.7', '10.10.2.16']) {
      assertRefused(validateStaticIpAddress(text, SUBNET_29), /outside the subnet 10\.10\.2\.8\/29, whose addresses run from 10\.10\.2\.8 to 10\.10\.2\.15/, text);
    }
  });

  it('refuses malformed addresses, with an example from the subnet', () => {
    for (const text of ['10.0.0', '10.0.0.256', '010.0.0.1', '10.10.2.04', 'server01']) {
      assertRefused(
        validateStaticIpAddress(text, SUBNET_24),
        new RegExp(`^"${escapeRegExp(text)}" is not an IPv4 address; enter four numbers from 0 to 255 separated by periods, without leading zeros, such as 10\\.10\\.2\\.4`),
        text,
      );
    }
  });

  it('does not trim: surrounding spaces are refused with their own message', () => {
    for (const text of [' 10.10.2.5 ', '10.10.2.5 ', '\t10.10.2.5']) {
      assertRefused(validateStaticIpAddress(text, SUBNET_24), /has spaces before or after it; remove them/, text);
    }
  });

  it('asks for an address when empty, giving the range', () => {
    assertRefused(validateStaticIpAddress('', SUBNET_24), /Enter the static IP address of the server: an address from 10\.10\.2\.4 to 10\.10\.2\.254 \(subnet 10\.10\.2\.0\/24\)/, '');
  });

  it('says so when the subnet has no assignable address or no IPv4 prefix', () => {
    assertRefused(validateStaticIpAddress('10.10.2.2', '10.10.2.0/30'), /subnet 10\.10\.2\.0\/30 has no address Azure can assign.*\/29 or larger/, '/30');
    assertRefused(validateStaticIpAddress('10.10.2.4', 'fd00:db8::/64'), /address prefix "fd00:db8::\/64" of the subnet is not an IPv4 prefix/, 'IPv6 prefix');
  });
});

describe('Input rules: port', () => {
  it('accepts whole numbers from 1 to 65535', () => {
    for (const text of ['1', '443', '9443', '65535']) {
      assertAccepted(validatePort(text), text);
    }
  });

  it('refuses 0 and 65536 as out of range', () => {
    for (const text of ['0', '65536', '99999999999999999999']) {
      assertRefused(validatePort(text), new RegExp(`^The port number ${text} is out of range; enter a whole number from 1 to 65535`), text);
    }
  });

  it('refuses what is not a whole number in digits', () => {
    for (const text of ['44.3', '-1', '+443', 'https', '1e3', '0x1bb', '4 43']) {
      assertRefused(validatePort(text), /is not a port number; enter a whole number from 1 to 65535 in digits only/, text);
    }
  });

  it('refuses leading zeros, an empty text and surrounding spaces', () => {
    assertRefused(validatePort('0443'), /without leading zeros: 443 instead of 0443/, '0443');
    assertRefused(validatePort(''), /Enter a port number from 1 to 65535/, '');
    assertRefused(validatePort(' 443'), /has spaces before or after it; remove them/, ' 443');
  });
});
