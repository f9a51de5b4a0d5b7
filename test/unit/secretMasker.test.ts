import * as assert from 'node:assert/strict';
import { SECRET_MARKER, SecretMasker } from '../../src/logging/secretMasker';

describe('SecretMasker', () => {
  it('replaces every occurrence of a registered secret, in plain, URL-encoded and JSON-escaped form', () => {
    const masker = new SecretMasker();
    masker.add('P@ss "word"/1');
    const text = [
      'password=P@ss "word"/1',
      `query=${encodeURIComponent('P@ss "word"/1')}`,
      `body=${JSON.stringify({ adminPassword: 'P@ss "word"/1' })}`,
      'again P@ss "word"/1',
    ].join('\n');
    const masked = masker.mask(text);
    assert.ok(!masked.includes('P@ss'), masked);
    assert.ok(!masked.includes(encodeURIComponent('P@ss')), masked);
    assert.equal(masked.split(SECRET_MARKER).length - 1, 4);
  });

  it('masks a secret that contains another secret as a whole', () => {
    const masker = new SecretMasker();
    masker.add('abc');
    masker.add('xxabcxx');
    assert.equal(masker.mask('value xxabcxx and abc'), `value ${SECRET_MARKER} and ${SECRET_MARKER}`);
  });

  it('ignores empty secrets and forgets deleted ones', () => {
    const masker = new SecretMasker();
    masker.add('');
    masker.add('s3cret-passphrase');
    assert.equal(masker.mask('nothing to hide'), 'nothing to hide');
    masker.delete('s3cret-passphrase');
    assert.equal(masker.mask('s3cret-passphrase'), 's3cret-passphrase');
  });
});
