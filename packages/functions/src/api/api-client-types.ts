// The type hono's client (`hc<ApiRoutes>`) is built from: every route with its params, query, body and answers.
// The CLI and the dashboard import it type-only, so no server code reaches them.
export type { ApiRoutes } from "./routes.ts";
