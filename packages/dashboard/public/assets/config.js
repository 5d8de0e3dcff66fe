// Deployed sites may replace this file to point the dashboard at their API, e.g.
//   window.GANTRY_API = "https://abc123.execute-api.eu-west-1.amazonaws.com";
// Left unset, the dashboard calls its own origin (as `gantry dev` serves both). `?api=` overrides both.
