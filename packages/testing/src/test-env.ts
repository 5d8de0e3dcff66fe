// Imported first by every test file (a bare import, so import sorting keeps it first): no tracing, no metadata
// lookups and a metrics namespace, before any module under test builds its Powertools utilities or SDK clients.
process.env.AWS_EC2_METADATA_DISABLED = "true";
process.env.POWERTOOLS_TRACE_ENABLED = "false";
process.env.POWERTOOLS_METRICS_NAMESPACE = "GantryTest";
process.env.POWERTOOLS_SERVICE_NAME = "gantry-test";
