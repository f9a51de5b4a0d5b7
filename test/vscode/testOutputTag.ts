/**
 * Prefix of the test output lines the extension host sends through the workbench's console, so that the launcher
 * can tell them from the extension host's other console output.
 */
export const TEST_OUTPUT_TAG = '[asr-test] ';
