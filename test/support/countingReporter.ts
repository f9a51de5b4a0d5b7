import Mocha from 'mocha';

/** The prefix of the one line that carries a run's counts to scripts/run-tests.mjs. */
const COUNTS_PREFIX = 'ASR-TEST-COUNTS ';

/**
 * Mocha's spec reporter, plus one machine-readable line at the end with the counts, so that the test command can add
 * up every layer (Node, extension host, UI journeys) into its closing `N passed, N failed` line.
 */
class CountingReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      const counts = { passed: stats?.passes ?? 0, failed: stats?.failures ?? 0, pending: stats?.pending ?? 0 };
      Mocha.reporters.Base.consoleLog(`${COUNTS_PREFIX}${JSON.stringify(counts)}`);
    });
  }
}

export = CountingReporter;
