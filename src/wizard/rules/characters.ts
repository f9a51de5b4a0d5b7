import * as vscode from 'vscode';

/**
 * The distinct characters of `text` that `isAllowed` rejects, in the order they first appear, by code point (so a
 * character outside the Basic Multilingual Plane is one character, not two halves).
 */
export function rejectedCharacters(text: string, isAllowed: (character: string) => boolean): string[] {
  const rejected: string[] = [];
  for (const character of text) {
    if (!isAllowed(character) && !rejected.includes(character)) {
      rejected.push(character);
    }
  }
  return rejected;
}

/** The characters as a message shows them: each in double quotes, a space named as such: `".", "_", space`. */
export function describeCharacters(characters: readonly string[]): string {
  return characters.map((character) => (character === ' ' ? vscode.l10n.t('space') : `"${character}"`)).join(', ');
}

/** The length a user sees: code points, so that an emoji or a rare kanji counts as one character. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** ASCII letters and digits: what these rules accept where Azure's rule says "alphanumerics". */
export function isAsciiAlphanumeric(character: string): boolean {
  return /^[A-Za-z0-9]$/.test(character);
}
