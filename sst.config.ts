/// <reference path="./.sst/platform/config.d.ts" />

// Skeleton until issue F: the resources are declared in infra/*.ts and loaded from run().
export default $config({
  app(input) {
    return {
      name: "gantry",
      home: "aws",
      removal: input?.stage === "prod" ? "retain" : "remove",
    };
  },
  async run() {
    return {};
  },
});
