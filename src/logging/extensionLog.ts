import * as vscode from 'vscode';
import { SecretMasker } from './secretMasker';

/**
 * The extension's one output channel ("Azure Site Recovery"), a `LogOutputChannel` so that every line carries a
 * timestamp and a level. Every message passes through the secret masker before it is written.
 */
export class ExtensionLog implements vscode.Disposable {
  readonly masker = new SecretMasker();
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel(vscode.l10n.t('Azure Site Recovery'), { log: true });
  }

  info(message: string): void {
    this.channel.info(this.masker.mask(message));
  }

  warn(message: string): void {
    this.channel.warn(this.masker.mask(message));
  }

  error(message: string): void {
    this.channel.error(this.masker.mask(message));
  }

  /** Reveals the channel in the Output panel without taking focus from the editor. */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
