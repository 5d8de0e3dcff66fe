// What a local server in front of the API needs: `gantry dev` serves the API app and the dashboard, and
// `gantry dashboard` proxies a deployed API with the same body limit and error shape.

export { errorBody } from "../api/http-errors.ts";
export { BODY_LIMIT_BYTES } from "../api/request.ts";
export { localLambdaContext } from "./lambda-context.ts";
export {
  type LocalApi,
  type LocalServer,
  type LocalServerOptions,
  startLocalServer,
} from "./local-server.ts";
export { isStaticPath, NOT_BUILT_PAGE, type StaticFile, staticFile } from "./static-files.ts";
