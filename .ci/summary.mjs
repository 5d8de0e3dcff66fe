// Prints the one plain line CI reads, `N passed, N failed`, from vitest's JSON report.
import { existsSync, readFileSync } from "node:fs";

const [reportPath = ".vitest-report.json", exitStatus = "0"] = process.argv.slice(2);
if (!existsSync(reportPath)) {
  // Lint or typecheck failed before vitest ran: count the run as one failure.
  console.log(`0 passed, ${exitStatus === "0" ? 0 : 1} failed`);
} else {
  const report = JSON.parse(readFileSync(reportPath, "utf8"));
  // A test file that fails to load has no failed test of its own: count it as one failure.
  const brokenFiles = report.testResults.filter(
    (file) => file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed"),
  ).length;
  // A step after the unit tests (the offline infra check) failed: count it, so the line matches the exit code.
  const laterStep = exitStatus !== "0" && report.numFailedTests + brokenFiles === 0 ? 1 : 0;
  const failed = report.numFailedTests + brokenFiles + laterStep;
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
}
