import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const readJson = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, unknown>;

/** Every string literal passed to vscode.l10n.t in src/ (the first argument). */
function l10nMessagesInSource(): Set<string> {
  const messages = new Set<string>();
  const files = fs
    .readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'));
  const call = /l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/gs;
  for (const file of files) {
    const source = fs.readFileSync(path.join(root, 'src', file), 'utf8');
    for (const match of source.matchAll(call)) {
      messages.add(match[2].replace(/\\(['"`\\])/g, '$1'));
    }
  }
  return messages;
}

describe('Localization (English and Japanese)', () => {
  it('has a Japanese translation for every vscode.l10n.t message in src/', () => {
    const japanese = readJson('l10n/bundle.l10n.ja.json');
    const messages = l10nMessagesInSource();
    assert.ok(messages.size > 0, 'the scan found the messages');
    const missing = [...messages].filter((message) => typeof japanese[message] !== 'string');
    assert.deepEqual(missing, [], 'messages without a Japanese translation');
  });

  it('keeps no Japanese translation that src/ no longer uses', () => {
    const messages = l10nMessagesInSource();
    const unused = Object.keys(readJson('l10n/bundle.l10n.ja.json')).filter((message) => !messages.has(message));
    assert.deepEqual(unused, []);
  });

  it('defines every %key% of package.json in package.nls.json and package.nls.ja.json', () => {
    const manifest = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]);
    assert.ok(keys.length > 0);
    const english = readJson('package.nls.json');
    const japanese = readJson('package.nls.ja.json');
    assert.deepEqual(keys.filter((key) => typeof english[key] !== 'string'), [], 'missing in package.nls.json');
    assert.deepEqual(Object.keys(english).sort(), Object.keys(japanese).sort(), 'package.nls.ja.json keys');
  });
});
