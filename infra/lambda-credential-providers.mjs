// An esbuild plugin for the Lambda bundles: the SDK's credential providers Lambda never reaches stay out.
// Plain JavaScript because SST loads it with `node` outside the TypeScript toolchain (nodejs.plugins).

/**
 * The providers the SDK's default chain (@aws-sdk/credential-provider-node) imports only after `fromEnv` has
 * failed. Lambda always sets AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, and Gantry sets no
 * AWS_PROFILE, so `fromEnv` answers and none of these is loaded; bundled, they and the STS/SSO clients they pull
 * in (@aws-sdk/nested-clients) weigh about 100 kB per function. Left external, a chain that did get past
 * `fromEnv` fails on the missing package instead of on the missing profile files, as it would on Lambda anyway.
 */
const UNREACHED_ON_LAMBDA = new Set([
  "@aws-sdk/credential-provider-sso",
  "@aws-sdk/credential-provider-ini",
  "@aws-sdk/credential-provider-process",
  "@aws-sdk/credential-provider-web-identity",
]);

/**
 * Like zod-english-only.mjs, the filter matches every path and the callback checks it: SST 4.17's plugin bridge
 * tests filters against `undefined`.
 *
 * @type {import("esbuild").Plugin}
 */
export const lambdaCredentialProviders = {
  name: "lambda-credential-providers",
  setup(build) {
    build.onResolve({ filter: /.*/ }, ({ path }) =>
      UNREACHED_ON_LAMBDA.has(path) ? { path, external: true } : undefined,
    );
  },
};
