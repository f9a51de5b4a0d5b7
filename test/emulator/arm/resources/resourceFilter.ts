/**
 * `$filter` of the generic resource lists (`Resources_List`, `Resources_ListByResourceGroup`), as the REST spec
 * describes it (specification/resources/resource-manager/Microsoft.Resources/resources/stable/2024-03-01/resources.json,
 * the `$filter` parameter of both operations):
 *
 * - `eq` on `location`, `resourceType`, `name`, `resourceGroup`;
 * - `substringof('value', name)` and `substringof('value', resourceGroup)`, several of them linked by `and`/`or`;
 * - `tagName eq 'x'`, optionally `and tagValue eq 'y'` (results then carry no tags: see genericResources.ts);
 * - "The combinations you can use are: substringof and/or resourceType, …": substringof terms may be joined by `and`
 *   with one `resourceType eq`; any other combination (e.g. a tag with a resource type, which ARM answers with 400,
 *   Azure/azure-rest-api-specs#21324) is refused.
 *
 * Anything else, including what the spec documents but the emulator does not model (`ne`, `identity`, `plan`, …),
 * answers 400 InvalidFilterInQueryString. The spec does not say how values are compared: names, resource groups,
 * types and locations are compared case-insensitively ("Resource and resource group names are case-insensitive",
 * azure-resource-manager/management/resource-name-rules.md), tag names case-insensitively and tag values exactly, as before.
 */
import { ArmError } from '../errors';
import { parseResourceId } from '../resourceIds';
import type { ArmResource } from '../types';

type EqProperty = 'location' | 'resourceType' | 'name' | 'resourceGroup' | 'tagName' | 'tagValue';
type SubstringProperty = 'name' | 'resourceGroup';

type FilterNode =
  | { readonly kind: 'eq'; readonly property: EqProperty; readonly value: string }
  | { readonly kind: 'substringof'; readonly property: SubstringProperty; readonly value: string }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly FilterNode[] };

type Token = { readonly kind: 'word'; readonly text: string } | { readonly kind: 'string'; readonly text: string } | { readonly kind: '(' | ')' | ',' };

/** A parsed generic-resource `$filter`. */
export interface GenericResourceFilter {
  /** True when the filter is by tag name and value (ARM then leaves the tags out of the results). */
  readonly byTagNameAndValue: boolean;
  readonly matches: (resource: ArmResource) => boolean;
}

const eqProperties: Partial<Record<string, EqProperty>> = {
  location: 'location',
  resourcetype: 'resourceType',
  name: 'name',
  resourcegroup: 'resourceGroup',
  tagname: 'tagName',
  tagvalue: 'tagValue',
};
const substringProperties: Partial<Record<string, SubstringProperty>> = { name: 'name', resourcegroup: 'resourceGroup' };

class InvalidFilter extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char });
      index += 1;
    } else if (char === "'") {
      let value = '';
      index += 1;
      for (;;) {
        if (index >= text.length) {
          throw new InvalidFilter();
        }
        if (text.charAt(index) === "'") {
          if (text.charAt(index + 1) !== "'") {
            index += 1;
            break;
          }
          value += "'";
          index += 2;
        } else {
          value += text.charAt(index);
          index += 1;
        }
      }
      tokens.push({ kind: 'string', text: value });
    } else {
      const word = /^[A-Za-z][A-Za-z0-9_/]*/.exec(text.slice(index))?.[0];
      if (word === undefined) {
        throw new InvalidFilter();
      }
      tokens.push({ kind: 'word', text: word });
      index += word.length;
    }
  }
  return tokens;
}

/** Recursive descent over `or` (loosest), `and`, then a parenthesised expression, substringof(…) or `property eq '…'`. */
class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): FilterNode {
    const node = this.orExpression();
    if (this.position !== this.tokens.length) {
      throw new InvalidFilter();
    }
    return node;
  }

  private orExpression(): FilterNode {
    const operands = [this.andExpression()];
    while (this.keyword('or')) {
      operands.push(this.andExpression());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private andExpression(): FilterNode {
    const operands = [this.primary()];
    while (this.keyword('and')) {
      operands.push(this.primary());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private primary(): FilterNode {
    if (this.punctuation('(')) {
      const inner = this.orExpression();
      this.expect(')');
      return inner;
    }
    const word = this.word();
    if (word.toLowerCase() === 'substringof') {
      this.expect('(');
      const value = this.string();
      this.expect(',');
      const property = substringProperties[this.word().toLowerCase()];
      this.expect(')');
      if (property === undefined) {
        throw new InvalidFilter();
      }
      return { kind: 'substringof', property, value };
    }
    const property = eqProperties[word.toLowerCase()];
    if (property === undefined || !this.keyword('eq')) {
      throw new InvalidFilter();
    }
    return { kind: 'eq', property, value: this.string() };
  }

  private next(): Token | undefined {
    return this.tokens[this.position];
  }

  private keyword(name: string): boolean {
    const token = this.next();
    if (token?.kind === 'word' && token.text.toLowerCase() === name) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private punctuation(kind: '(' | ')' | ','): boolean {
    if (this.next()?.kind === kind) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private expect(kind: '(' | ')' | ','): void {
    if (!this.punctuation(kind)) {
      throw new InvalidFilter();
    }
  }

  private word(): string {
    const token = this.next();
    if (token?.kind !== 'word') {
      throw new InvalidFilter();
    }
    this.position += 1;
    return token.text;
  }

  private string(): string {
    const token = this.next();
    if (token?.kind !== 'string') {
      throw new InvalidFilter();
    }
    this.position += 1;
    return token.text;
  }
}

function leavesOf(node: FilterNode): FilterNode[] {
  return node.kind === 'and' || node.kind === 'or' ? node.operands.flatMap(leavesOf) : [node];
}

function orNodesOf(node: FilterNode): FilterNode[] {
  if (node.kind !== 'and' && node.kind !== 'or') {
    return [];
  }
  return [...(node.kind === 'or' ? [node] : []), ...node.operands.flatMap(orNodesOf)];
}

/** Throws unless the filter is one of the forms and combinations the spec documents (see the file comment). */
function requireDocumentedCombination(root: FilterNode): void {
  // `or` only links substringof terms.
  if (orNodesOf(root).some((node) => leavesOf(node).some((leaf) => leaf.kind !== 'substringof'))) {
    throw new InvalidFilter();
  }
  const leaves = leavesOf(root);
  const eqs = leaves.filter((leaf) => leaf.kind === 'eq');
  const count = (property: EqProperty): number => eqs.filter((leaf) => leaf.property === property).length;
  if (eqs.some((leaf) => leaf.property === 'tagName' || leaf.property === 'tagValue')) {
    const tagOnly = eqs.length === leaves.length && count('tagName') === 1 && count('tagValue') <= 1 && eqs.length === count('tagName') + count('tagValue');
    if (!tagOnly) {
      throw new InvalidFilter();
    }
    return;
  }
  if (leaves.some((leaf) => leaf.kind === 'substringof')) {
    if (eqs.length > 1 || eqs.some((leaf) => leaf.property !== 'resourceType')) {
      throw new InvalidFilter();
    }
    return;
  }
  if (leaves.length !== 1) {
    throw new InvalidFilter();
  }
}

function resourceGroupOf(resource: ArmResource): string {
  return parseResourceId(resource.id)?.resourceGroupName ?? '';
}

function tagEntry(resource: ArmResource, tagName: string): [string, string] | undefined {
  return Object.entries(resource.tags ?? {}).find(([key]) => key.toLowerCase() === tagName.toLowerCase());
}

function evaluate(node: FilterNode, resource: ArmResource): boolean {
  switch (node.kind) {
    case 'and': {
      // tagName and tagValue are one condition: the named tag has that value.
      const tagName = node.operands.find((operand) => operand.kind === 'eq' && operand.property === 'tagName');
      const tagValue = node.operands.find((operand) => operand.kind === 'eq' && operand.property === 'tagValue');
      if (tagName?.kind === 'eq' && tagValue?.kind === 'eq') {
        return tagEntry(resource, tagName.value)?.[1] === tagValue.value;
      }
      return node.operands.every((operand) => evaluate(operand, resource));
    }
    case 'or':
      return node.operands.some((operand) => evaluate(operand, resource));
    case 'substringof': {
      const text = node.property === 'name' ? resource.name : resourceGroupOf(resource);
      return text.toLowerCase().includes(node.value.toLowerCase());
    }
    case 'eq': {
      const equal = (actual: string | undefined): boolean => actual?.toLowerCase() === node.value.toLowerCase();
      switch (node.property) {
        case 'location':
          return equal(resource.location);
        case 'resourceType':
          return equal(resource.type);
        case 'name':
          return equal(resource.name);
        case 'resourceGroup':
          return equal(resourceGroupOf(resource));
        case 'tagName':
          return tagEntry(resource, node.value) !== undefined;
        case 'tagValue':
          // Only ever evaluated with its tagName, in the 'and' above (requireDocumentedCombination).
          return false;
      }
    }
  }
}

/** Parses the generic lists' `$filter`; 400 InvalidFilterInQueryString when it is not one the spec documents. */
export function parseGenericResourceFilter(filter: string | null): GenericResourceFilter {
  if (filter === null || filter.trim() === '') {
    return { byTagNameAndValue: false, matches: () => true };
  }
  let root: FilterNode;
  try {
    root = new Parser(tokenize(filter)).parse();
    requireDocumentedCombination(root);
  } catch (error) {
    if (error instanceof InvalidFilter) {
      throw new ArmError(400, 'InvalidFilterInQueryString', `Invalid $filter '${filter}' specified in the query string.`);
    }
    throw error;
  }
  const byTagNameAndValue = leavesOf(root).some((leaf) => leaf.kind === 'eq' && leaf.property === 'tagValue');
  return { byTagNameAndValue, matches: (resource) => evaluate(root, resource) };
}
