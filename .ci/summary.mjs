// Prints the one plain line CI reads, `N passed, N failed`, from vitest's JSON reports (unit, then infra).
import { existsSync, readFileSync } from "node:fs";

const [reportPath = ".vitest-report.json", exitStatus = "0", ...more] = process.argv.slice(2);

/** Passed, failed and skipped counts of one report; a test file that fails to load counts as one failure. */
function counts(path) {
  const report = JSON.parse(readFileSync(path, "utf8"));
  const brokenFiles = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + brokenFiles,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

const reports = [reportPath, ...more].filter((path) => existsSync(path)).map(counts);
const total = reports.reduce(
  (sum, c) => ({
    passed: sum.passed + c.passed,
    failed: sum.failed + c.failed,
    skipped: sum.skipped + c.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
// A step with no report of its own (lint, typecheck, sst install) failed: count it, so the line matches the exit.
if (exitStatus !== "0" && total.failed === 0) total.failed = 1;
console.log(
  `${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ""}`,
);
