/**
 * The PowerShell scripts the extension ships (every *.ps1 under src/), parsed by a real PowerShell grammar
 * (tree-sitter-powershell, as built to WebAssembly by @vscode/tree-sitter-wasm; no native code): no syntax error, and
 * the contracts the extension and the emulator rely on, read from the parse tree: the param names, the marker lines,
 * the passphrase file removed in a `finally`, the passphrase never written to any output.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, type Node, type Tree } from '@vscode/tree-sitter-wasm';
import { CHECK_PATH_MARKER, PATH_CHECK_RESULT_PREFIX, REGISTER_PROCESS_SERVER_MARKER, UNREGISTER_PROCESS_SERVER_MARKER } from '../../src/registration/scriptMarkers';
import * as emulatorContract from '../emulator/simulation/scriptOutcome';

const root = path.resolve(__dirname, '..', '..', '..');
const scriptsDirectory = path.join(root, 'src', 'registration', 'scripts');
const passphraseVariable = '$ConfigurationServerPassphrase';

/** Commands that write their arguments to an output stream or the host (names compared case-insensitively). */
const outputCommands = new Set(
  ['Write-Output', 'echo', 'write', 'Write-Host', 'Write-Information', 'Write-Verbose', 'Write-Warning', 'Write-Error', 'Write-Debug', 'Out-Host', 'Out-Default', 'Out-String', 'Tee-Object'].map(
    (name) => name.toLowerCase(),
  ),
);
/** .NET methods that write to stdout, stderr or the host ([Console]::WriteLine, [Console]::Error.WriteLine, $host.UI.WriteLine). */
const outputMethods = new Set(['writeline', 'write', 'writeerrorline', 'writewarningline', 'writeverboseline', 'writedebugline']);

function ps1FilesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      return ps1FilesUnder(full);
    }
    return entry.name.toLowerCase().endsWith('.ps1') ? [full] : [];
  });
}

function childrenOf(node: Node): Node[] {
  return node.children.filter((child): child is Node => child !== null);
}

function descendantsOf(node: Node, type: string): Node[] {
  return node.descendantsOfType(type).filter((child): child is Node => child !== null);
}

function ancestorsOf(node: Node): Node[] {
  const ancestors: Node[] = [];
  for (let current = node.parent; current !== null; current = current.parent) {
    ancestors.push(current);
  }
  return ancestors;
}

/** Every ERROR or MISSING node as `line:column type`, in source order. */
function syntaxErrors(tree: Tree): string[] {
  const errors: string[] = [];
  const visit = (node: Node): void => {
    if (node.isError || node.isMissing) {
      errors.push(`${node.startPosition.row + 1}:${node.startPosition.column + 1} ${node.isMissing ? `MISSING ${node.type}` : `ERROR near ${JSON.stringify(node.text.slice(0, 40))}`}`);
    }
    childrenOf(node).forEach(visit);
  };
  visit(tree.rootNode);
  return errors;
}

/** The script's own `param(...)` block (a direct child of the program, not a function's). */
function scriptParameters(tree: Tree): { readonly name: string; readonly attributes: string; readonly defaultValue: string | undefined }[] {
  const block = childrenOf(tree.rootNode).find((node) => node.type === 'param_block');
  assert.ok(block, 'the script declares a param block');
  return descendantsOf(block, 'script_parameter').map((parameter) => {
    const children = childrenOf(parameter);
    const variable = children.find((child) => child.type === 'variable');
    assert.ok(variable, `a parameter has a variable: ${parameter.text}`);
    return {
      name: variable.text.slice(1),
      attributes: children.find((child) => child.type === 'attribute_list')?.text ?? '',
      defaultValue: children.find((child) => child.type === 'script_parameter_default')?.text.replace(/^=\s*/, ''),
    };
  });
}

function commandName(command: Node): string {
  return childrenOf(command).find((child) => child.type === 'command_name')?.text.toLowerCase() ?? '';
}

function invokedMethodName(invocation: Node): string {
  const names = childrenOf(invocation).filter((child) => child.type === 'member_name');
  return names.at(-1)?.text.toLowerCase() ?? '';
}

function variablesIn(node: Node): string[] {
  return descendantsOf(node, 'variable').map((variable) => variable.text.toLowerCase());
}

/** A pipeline that is a statement of its own (not the value of an assignment, not inside a "$(...)"): its value is output. */
function isOutputStatement(pipeline: Node): boolean {
  const statementList = pipeline.parent;
  return pipeline.type === 'pipeline' && statementList?.type === 'statement_list' && statementList.parent?.type !== 'sub_expression';
}

/** Why this use of a variable reaches an output, or undefined when it does not. */
function outputOf(variable: Node): string | undefined {
  for (const ancestor of ancestorsOf(variable)) {
    if (ancestor.type === 'command' && outputCommands.has(commandName(ancestor))) {
      return `an argument of ${commandName(ancestor)}`;
    }
    if (ancestor.type === 'invokation_expression' && outputMethods.has(invokedMethodName(ancestor))) {
      return `an argument of ${invokedMethodName(ancestor)}()`;
    }
    if (ancestor.type === 'flow_control_statement' && /^throw\b/i.test(ancestor.text)) {
      return 'in a thrown error';
    }
    if (isOutputStatement(ancestor) && ancestor.text.trim() === variable.text) {
      return 'a statement of its own (implicit output)';
    }
  }
  return undefined;
}

function line(node: Node): number {
  return node.startPosition.row + 1;
}

describe('PowerShell scripts shipped by the extension (parsed by tree-sitter-powershell)', () => {
  let parser: Parser;
  const scripts = new Map<string, { readonly text: string; readonly tree: Tree }>();

  function parse(text: string): Tree {
    const tree = parser.parse(text);
    assert.ok(tree, 'the parser returns a tree');
    return tree;
  }

  function script(fileName: string): { readonly text: string; readonly tree: Tree } {
    const parsed = scripts.get(path.join(scriptsDirectory, fileName));
    assert.ok(parsed, `${fileName} is under src/`);
    return parsed;
  }

  before(async () => {
    await Parser.init();
    parser = new Parser();
    parser.setLanguage(await Language.load(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-powershell.wasm')));
    for (const file of ps1FilesUnder(path.join(root, 'src'))) {
      const text = fs.readFileSync(file, 'utf8');
      scripts.set(file, { text, tree: parse(text) });
    }
  });

  after(() => {
    parser.delete();
  });

  it('finds the scripts under src/', () => {
    assert.deepEqual(
      [...scripts.keys()].map((file) => path.relative(root, file).split(path.sep).join('/')).sort(),
      [
        'src/registration/scripts/checkPathToConfigurationServer.ps1',
        'src/registration/scripts/registerProcessServer.ps1',
        'src/registration/scripts/unregisterProcessServer.ps1',
      ],
    );
  });

  it('parses every *.ps1 under src/ without an ERROR or MISSING node', () => {
    const problems = [...scripts].flatMap(([file, { tree }]) => syntaxErrors(tree).map((error) => `${path.relative(root, file)}:${error}`));
    assert.deepEqual(problems, []);
  });

  it('keeps every script in printable ASCII: Windows PowerShell 5.1 reads a file without a BOM in the ANSI code page', () => {
    const nonAscii = [...scripts].flatMap(([file, { text }]) =>
      text.split(/\r?\n/).flatMap((content, index) => (/[^ -~\t]/.test(content) ? [`${path.relative(root, file)}:${index + 1}`] : [])),
    );
    assert.deepEqual(nonAscii, []);
  });

  it('finds the errors of broken scripts (the check can fail), with their line and column', () => {
    const unclosedBrace = syntaxErrors(parse('function Test-Broken {\n    Write-Output "open"\n\nWrite-Output "after"\n'));
    assert.ok(unclosedBrace.length > 0, 'an unclosed { is an error');
    assert.match(unclosedBrace.join('\n'), /^\d+:\d+ /m);
    const unclosedParam = syntaxErrors(parse('param(\n    [string] $Address,\n    [int] $Port = 443\n\nWrite-Output $Address\n'));
    assert.ok(unclosedParam.length > 0, 'an unclosed param( is an error');
    const unclosedString = syntaxErrors(parse('param([string] $Address)\nWrite-Output "unterminated\n'));
    assert.ok(unclosedString.length > 0, 'an unterminated string is an error');
  });

  it('registerProcessServer.ps1 declares the parameters the extension passes and the emulator reads', () => {
    const parameters = scriptParameters(script('registerProcessServer.ps1').tree);
    assert.deepEqual(
      parameters.map((parameter) => parameter.name),
      [
        'ConfigurationServerAddress',
        'ConfigurationServerPort',
        'DataTransferPort',
        'ProcessServerIpAddress',
        'InstallerUrl',
        'InstallLocation',
        'InstallLocationSwitch',
        'EnvironmentType',
        'ConfigurationServerPassphrase',
      ],
    );
    const byName = new Map(parameters.map((parameter) => [parameter.name, parameter]));
    assert.match(byName.get('ConfigurationServerAddress')?.attributes ?? '', /Mandatory\s*=\s*\$true/);
    assert.equal(byName.get('ConfigurationServerPort')?.defaultValue, '443');
    assert.equal(byName.get('DataTransferPort')?.defaultValue, '9443');
    assert.match(byName.get('InstallLocationSwitch')?.attributes ?? '', /ValidateSet\('InstallLocation', 'InstallDrive'\)/);
    assert.match(byName.get('EnvironmentType')?.attributes ?? '', /ValidateSet\('VMware', 'NonVMware'\)/);
  });

  it('checkPathToConfigurationServer.ps1 declares its parameters and prints the result prefix', () => {
    const { tree } = script('checkPathToConfigurationServer.ps1');
    const parameters = scriptParameters(tree);
    assert.deepEqual(
      parameters.map((parameter) => [parameter.name, parameter.defaultValue]),
      [
        ['ConfigurationServerAddress', undefined],
        ['ConfigurationServerPort', '443'],
        ['DataTransferPort', '9443'],
      ],
    );
    assert.match(parameters[0]?.attributes ?? '', /Mandatory\s*=\s*\$true/);
    const strings = descendantsOf(tree.rootNode, 'verbatim_string_characters').map((node) => node.text);
    assert.ok(strings.includes(`'${PATH_CHECK_RESULT_PREFIX}'`), 'the result prefix is a string of the script');
    assert.ok(/ConvertTo-Json\b.*-Compress/i.test(tree.rootNode.text), 'the result is one line of JSON');
  });

  it('unregisterProcessServer.ps1 declares the parameters the extension passes and the emulator reads', () => {
    const parameters = scriptParameters(script('unregisterProcessServer.ps1').tree);
    assert.deepEqual(
      parameters.map((parameter) => [parameter.name, parameter.defaultValue]),
      [
        ['ProcessServerIpAddress', undefined],
        ['DataTransferPort', '9443'],
      ],
    );
    assert.match(parameters[0]?.attributes ?? '', /Mandatory\s*=\s*\$true/);
    assert.match(parameters[1]?.attributes ?? '', /ValidateRange\(1, 65535\)/);
  });

  it('unregisterProcessServer.ps1 uninstalls the documented programs in the documented order, Windows Installer ones silently with a log', () => {
    const { tree } = script('unregisterProcessServer.ps1');
    const list = descendantsOf(tree.rootNode, 'assignment_expression').find((assignment) => childrenOf(assignment)[0]?.text.toLowerCase() === '$programs');
    assert.ok(list, 'the script assigns its list of programs to $Programs');
    const names = descendantsOf(list, 'verbatim_string_characters')
      .map((node) => node.text.slice(1, -1))
      .filter((text) => text.startsWith('Microsoft Azure'));
    assert.deepEqual(names, [
      'Microsoft Azure Site Recovery Mobility Service/Master Target Server',
      'Microsoft Azure Site Recovery Configuration/Process Server',
      'Microsoft Azure Site Recovery Configuration/Process Server Dependencies',
      'Microsoft Azure Recovery Services Agent',
    ]);
    const strings = descendantsOf(tree.rootNode, 'verbatim_string_characters').map((node) => node.text);
    for (const expected of ["'/qn'", "'/x'", "'/L+*V'", "'msiexec.exe'", "'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall'", "'UnifiedAgentMSIUninstall.log'"]) {
      assert.ok(strings.includes(expected), `the script has the string ${expected}`);
    }
    assert.match(tree.rootNode.text, /RegistryView\]::Registry64, \[Microsoft\.Win32\.RegistryView\]::Registry32/, 'both registry views are read');
  });

  it('each script carries its marker line as a comment, the one the emulator recognises', () => {
    assert.equal(REGISTER_PROCESS_SERVER_MARKER, emulatorContract.REGISTER_MARKER);
    assert.equal(UNREGISTER_PROCESS_SERVER_MARKER, emulatorContract.UNREGISTER_MARKER);
    assert.equal(CHECK_PATH_MARKER, emulatorContract.CHECK_PATH_MARKER);
    assert.equal(PATH_CHECK_RESULT_PREFIX, emulatorContract.PATH_CHECK_RESULT_PREFIX);
    for (const [fileName, marker] of [
      ['registerProcessServer.ps1', REGISTER_PROCESS_SERVER_MARKER],
      ['unregisterProcessServer.ps1', UNREGISTER_PROCESS_SERVER_MARKER],
      ['checkPathToConfigurationServer.ps1', CHECK_PATH_MARKER],
    ] as const) {
      const { text, tree } = script(fileName);
      assert.ok(text.split(/\r?\n/).includes(marker), `${fileName} has the line ${marker}`);
      assert.ok(
        descendantsOf(tree.rootNode, 'comment').some((comment) => comment.text === marker),
        `${fileName}: the marker is a comment, not code or a string`,
      );
    }
  });

  it('registerProcessServer.ps1 writes the passphrase to a file that a finally block deletes with its directory', () => {
    const { tree } = script('registerProcessServer.ps1');
    const writes = descendantsOf(tree.rootNode, 'invokation_expression').filter(
      (call) => invokedMethodName(call) === 'writealltext' && variablesIn(call).includes(passphraseVariable.toLowerCase()),
    );
    assert.equal(writes.length, 1, 'the passphrase is written to one file');
    const [write] = writes;
    assert.ok(write);
    const fileVariable = variablesIn(write).at(0);
    assert.ok(fileVariable !== undefined && fileVariable !== passphraseVariable.toLowerCase(), 'the file is the first argument');
    const enclosingTry = ancestorsOf(write).find((ancestor) => ancestor.type === 'try_statement');
    assert.ok(enclosingTry, `the write (line ${line(write)}) is inside a try statement`);
    const finallyClause = childrenOf(enclosingTry).find((child) => child.type === 'finally_clause');
    assert.ok(finallyClause, `the try statement of line ${line(enclosingTry)} has a finally block`);
    const removed = descendantsOf(finallyClause, 'command')
      .filter((command) => commandName(command) === 'remove-item')
      .flatMap((command) => variablesIn(command));
    assert.ok(removed.includes(fileVariable), `the finally block removes ${fileVariable}`);

    // The file's directory: the first variable of the Join-Path that makes the file's path.
    const fileAssignment = descendantsOf(tree.rootNode, 'assignment_expression').find(
      (assignment) => childrenOf(assignment)[0]?.text.toLowerCase() === fileVariable && /Join-Path/i.test(assignment.text),
    );
    assert.ok(fileAssignment, `${fileVariable} is assigned from Join-Path`);
    const joinPath = descendantsOf(fileAssignment, 'command').find((command) => commandName(command) === 'join-path');
    assert.ok(joinPath);
    const directoryVariable = variablesIn(joinPath).at(0);
    assert.ok(directoryVariable !== undefined && removed.includes(directoryVariable), `the finally block removes the directory ${directoryVariable ?? '(none)'}`);
  });

  it('registerProcessServer.ps1 restricts the directory to SYSTEM and Administrators by well-known SIDs, inheritance broken', () => {
    const { tree } = script('registerProcessServer.ps1');
    const strings = descendantsOf(tree.rootNode, 'verbatim_string_characters').map((node) => node.text);
    assert.ok(strings.includes("'S-1-5-18'") && strings.includes("'S-1-5-32-544'"));
    const protections = descendantsOf(tree.rootNode, 'invokation_expression').filter((call) => invokedMethodName(call) === 'setaccessruleprotection');
    assert.deepEqual(
      protections.map((call) => childrenOf(call).find((child) => child.type === 'argument_list')?.text.replace(/\s+/g, '')),
      ['($true,$false)'],
    );
  });

  it('no script writes the passphrase to an output, the host or an error', () => {
    const leaks = [...scripts].flatMap(([file, { tree }]) =>
      descendantsOf(tree.rootNode, 'variable')
        .filter((variable) => variable.text.toLowerCase() === passphraseVariable.toLowerCase())
        .flatMap((variable) => {
          const reason = outputOf(variable);
          return reason === undefined ? [] : [`${path.relative(root, file)}:${line(variable)}: ${reason}`];
        }),
    );
    assert.deepEqual(leaks, []);
  });

  it('the output check catches a script that echoes the passphrase', () => {
    const leaky = parse(
      [
        'param([string] $ConfigurationServerPassphrase)',
        'Write-Output "The passphrase is $ConfigurationServerPassphrase"',
        'echo $ConfigurationServerPassphrase',
        '[Console]::Error.WriteLine($ConfigurationServerPassphrase)',
        '$ConfigurationServerPassphrase',
        'throw "bad $ConfigurationServerPassphrase"',
        '$masked = $line.Replace($ConfigurationServerPassphrase, "***")',
        '$copy = $ConfigurationServerPassphrase',
        'ForEach-Object { $ConfigurationServerPassphrase }',
      ].join('\n'),
    );
    const reasons = descendantsOf(leaky.rootNode, 'variable')
      .filter((variable) => variable.text === passphraseVariable)
      .map((variable) => `${line(variable)}: ${outputOf(variable) ?? 'no output'}`);
    assert.deepEqual(reasons, [
      '1: no output',
      '2: an argument of write-output',
      '3: an argument of echo',
      '4: an argument of writeline()',
      '5: a statement of its own (implicit output)',
      '6: in a thrown error',
      '7: no output',
      '8: no output',
      '9: a statement of its own (implicit output)',
    ]);
  });
});
