// Gantry publishes its activities (`source: gantry`) to the account's default bus, and listens there for the
// CloudWatch alarm state changes that AWS itself emits. No custom bus: users subscribe with ordinary rules.
export const defaultBus = aws.cloudwatch.getEventBusOutput({ name: "default" });

/** The handlers' EVENT_BUS_NAME: "default" is the default bus (an empty value means the same). */
export const EVENT_BUS_NAME = "default";
