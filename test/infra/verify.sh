#!/usr/bin/env bash
# npm run test:infra: verifies the SST app offline (no AWS, npm registry only).
#  1. `sst install` unpacks SST's platform into .sst/platform (skipped when already there for this version);
#  2. tsc type-checks sst.config.ts and infra/ against it;
#  3. the dashboard is built (nothing deploys it, but `gantry dashboard` and `gantry dev` serve
#     packages/dashboard/dist: a bundle that no longer builds fails here), then vitest runs run() under Pulumi
#     mocks and asserts the resources (test/infra/sst-app.spec.ts).
set -euo pipefail
cd "$(dirname "$0")/../.."

export AWS_EC2_METADATA_DISABLED=true SST_SKIP_DEPENDENCY_CHECK=1 SST_NO_BUN=1 SST_TELEMETRY_DISABLED=1

want=$(node -p 'require("./node_modules/sst/package.json").version')
have=$(cat .sst/platform/version 2>/dev/null || true)
if [ ! -f .sst/platform/config.d.ts ] || [ "$have" != "$want" ]; then
  echo "sst install (platform $want)"
  SST_STAGE=ci npx sst install
fi

echo "tsc -p test/infra/tsconfig.json"
npx tsc -p test/infra/tsconfig.json

# What `gantry dashboard` serves against the deployed API; the SST app itself no longer reads it.
echo "dashboard build"
npm run build --silent -w @gantry/dashboard >/dev/null

npx vitest run --config test/infra/vitest.config.ts
