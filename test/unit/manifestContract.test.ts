import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandIds } from '../../src/commandIds';
import { ContextValues } from '../../src/tree/contextValues';

const root = path.resolve(__dirname, '..', '..', '..');

interface MenuEntry {
  readonly command: string;
  readonly when?: string;
}
interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly menus: Record<string, readonly MenuEntry[]>;
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;
const contextValues: readonly string[] = Object.values(ContextValues);

/** Every `viewItem == value` and `viewItem =~ /regex/` of the menus' when clauses. */
function viewItemConditions(): { readonly menu: string; readonly equals?: string; readonly matches?: RegExp }[] {
  const conditions: { menu: string; equals?: string; matches?: RegExp }[] = [];
  for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
    for (const { when } of entries) {
      for (const match of (when ?? '').matchAll(/viewItem\s*(==|=~)\s*(\/(?:\\.|[^/])+\/|[\w.-]+)/g)) {
        const [, operator, operand] = match;
        if (operator === '==') {
          conditions.push({ menu, equals: operand });
        } else {
          conditions.push({ menu, matches: new RegExp(operand.slice(1, -1).replace(/\\\\/g, '\\')) });
        }
      }
    }
  }
  return conditions;
}

describe('package.json and the code agree', () => {
  it('contributes exactly the commands the code defines', () => {
    const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
    assert.deepEqual(contributed, Object.values(CommandIds).sort());
  });

  it('puts only contributed commands in menus', () => {
    const contributed = new Set(manifest.contributes.commands.map((entry) => entry.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) {
        assert.ok(contributed.has(entry.command), `${menu} names ${entry.command}, which is not contributed`);
      }
    }
  });

  it('matches, in every viewItem condition, a context value the tree sets', () => {
    const conditions = viewItemConditions();
    assert.ok(conditions.length >= 5, `found the menus' viewItem conditions (${conditions.length})`);
    for (const condition of conditions) {
      if (condition.equals !== undefined) {
        assert.ok(contextValues.includes(condition.equals), `${condition.menu}: viewItem == ${condition.equals} is no context value`);
      } else if (condition.matches !== undefined) {
        const matched = contextValues.filter((value) => condition.matches?.test(value));
        assert.ok(matched.length > 0, `${condition.menu}: viewItem =~ ${String(condition.matches)} matches no context value`);
      }
    }
  });

  it('reads the regular expressions as VS Code does (a sanity check of the parser above)', () => {
    const openInPortal = viewItemConditions().find((condition) => condition.matches?.test(ContextValues.configurationServer));
    assert.ok(openInPortal?.matches);
    assert.ok(openInPortal.matches.test(ContextValues.deployedProcessServer));
    assert.ok(!openInPortal.matches.test(ContextValues.loadError));
  });
});
