import * as vscode from 'vscode';
import type { ServerHealth } from '../siteRecovery/model';
import { relativeTime } from '../util/relativeTime';

/** The health as the user reads it. */
export function healthLabel(health: ServerHealth): string {
  switch (health) {
    case 'Normal':
      return vscode.l10n.t('Healthy');
    case 'Warning':
      return vscode.l10n.t('Warning');
    case 'Critical':
      return vscode.l10n.t('Critical');
    case 'Unknown':
      return vscode.l10n.t('Health unknown');
  }
}

/** A server icon coloured by health: green, yellow, red, or the plain foreground when unknown. */
export function healthIcon(iconId: string, health: ServerHealth): vscode.ThemeIcon {
  switch (health) {
    case 'Normal':
      return new vscode.ThemeIcon(iconId, new vscode.ThemeColor('testing.iconPassed'));
    case 'Warning':
      return new vscode.ThemeIcon(iconId, new vscode.ThemeColor('list.warningForeground'));
    case 'Critical':
      return new vscode.ThemeIcon(iconId, new vscode.ThemeColor('list.errorForeground'));
    case 'Unknown':
      return new vscode.ThemeIcon(iconId);
  }
}

/** "heartbeat 5 minutes ago", or "no heartbeat". */
export function heartbeatLabel(lastHeartbeat: Date | undefined, now: Date): string {
  return lastHeartbeat === undefined
    ? vscode.l10n.t('no heartbeat')
    : vscode.l10n.t('heartbeat {0}', relativeTime(lastHeartbeat, now, vscode.env.language));
}

/** Joins the parts of a description that are there with " · ". */
export function joinDescription(parts: readonly (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part !== '').join(' · ');
}

/** A tooltip of "label: value" lines, skipping values that are not there. */
export function detailsTooltip(title: string, rows: readonly [string, string | number | undefined][]): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${escapeMarkdown(title)}**\n\n`);
  for (const [label, value] of rows) {
    if (value !== undefined && value !== '') {
      tooltip.appendMarkdown(`${escapeMarkdown(label)}: ${escapeMarkdown(String(value))}  \n`);
    }
  }
  return tooltip;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
