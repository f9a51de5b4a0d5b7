/**
 * A simulated script's named arguments, bound the way Windows PowerShell binds a script's `param(...)` block (a
 * managed Run Command passes every parameter as `-Name value`): names match case-insensitively, and a binding
 * failure (missing mandatory value, not an integer, out of range, not in the set) stops the script before its first
 * line with PowerShell's own message and exit code 1.
 */
import type { ScriptOutcome } from './scriptOutcome';

/** A failure that ends the simulated script at once with this outcome. */
export class ScriptFailure extends Error {
  constructor(readonly outcome: ScriptOutcome) {
    super(outcome.error);
  }
}

/** Ends the simulated script with a non-zero exit code, a stderr text and the stdout printed before the failure. */
export function failScript(exitCode: number, error: string, output = ''): never {
  throw new ScriptFailure({ exitCode, output, error });
}

function bindingFailure(message: string): never {
  return failScript(1, `${message}\r\n`);
}

/** The named arguments of one run (plain and protected merged; protected ones win). */
export class ScriptArguments {
  private readonly values: ReadonlyMap<string, string>;

  constructor(values: ReadonlyMap<string, string>) {
    this.values = new Map([...values].map(([name, value]) => [name.toLowerCase(), value]));
  }

  /** The value passed for `name`, or undefined when the run did not pass it. */
  get(name: string): string | undefined {
    return this.values.get(name.toLowerCase());
  }

  /** `[Parameter(Mandatory = $true)] [string]`: absent or empty stops the script. */
  mandatoryString(name: string): string {
    const value = this.get(name);
    if (value === undefined) {
      return bindingFailure(`Cannot process command because of one or more missing mandatory parameters: ${name}.`);
    }
    if (value === '') {
      return bindingFailure(`Cannot bind argument to parameter '${name}' because it is an empty string.`);
    }
    return value;
  }

  /** `[string]` without a default: absent is the empty string. */
  optionalString(name: string): string {
    return this.get(name) ?? '';
  }

  /** `[ValidateRange(minimum, maximum)] [int] $name = fallback`. */
  integerInRange(name: string, fallback: number, minimum: number, maximum: number): number {
    const text = this.get(name);
    if (text === undefined) {
      return fallback;
    }
    const value = /^\s*[+-]?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= -(2 ** 31) && value < 2 ** 31)) {
      return bindingFailure(
        `Cannot process argument transformation on parameter '${name}'. Cannot convert value "${text}" to type "System.Int32". Error: "Input string was not in a correct format."`,
      );
    }
    if (value < minimum) {
      return bindingFailure(
        `Cannot validate argument on parameter '${name}'. The ${value} argument is less than the minimum allowed range of ${minimum}. Supply an argument that is greater than or equal to ${minimum} and then try the command again.`,
      );
    }
    if (value > maximum) {
      return bindingFailure(
        `Cannot validate argument on parameter '${name}'. The ${value} argument is greater than the maximum allowed range of ${maximum}. Supply an argument that is less than or equal to ${maximum} and then try the command again.`,
      );
    }
    return value;
  }

  /** `[ValidateSet(...)] [string] $name = fallback`: compared case-insensitively, as PowerShell does; the value as passed. */
  oneOf(name: string, allowed: readonly string[], fallback: string): string {
    const value = this.get(name);
    if (value === undefined) {
      return fallback;
    }
    if (!allowed.some((entry) => entry.toLowerCase() === value.toLowerCase())) {
      return bindingFailure(
        `Cannot validate argument on parameter '${name}'. The argument "${value}" does not belong to the set "${allowed.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`,
      );
    }
    return value;
  }
}
