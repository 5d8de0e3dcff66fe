// Test doubles and fixtures, imported only by tests (the boundary check in `npm run lint:deps` keeps production
// code out). Modules with side effects or heavy imports have entries of their own: `@gantry/testing/sim-fixture`
// (the simulator), `/sdk-mock` (vitest matchers), `/dynalite`, `/lambda-aws-mocks` and `/test-env`.
export { ALARM_TEST_QUEUE, backlog, cpuStep } from "./alarm-policies.ts";
export { FakeClusterCapacityPort } from "./fake-cluster-capacity-port.ts";
export { FakeReconciler, outcome } from "./fake-reconciler.ts";
export { captureOutput, lambdaContext } from "./lambda-context.ts";
export { sampleActivity, sampleConfig, sampleState } from "./store-fixtures.ts";
export { VirtualClock } from "./virtual-clock.ts";
export {
  CLUSTER,
  GROUP,
  INSTANCE_ID,
  mockGroup,
  mockQueue,
  mockService,
  QUEUE_URL,
  SERVICE_ID,
  targetItem,
  workerTarget,
} from "./worker-cluster-mocks.ts";
