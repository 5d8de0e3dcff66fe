/** An error AWS would answer with: its type (`InvalidParameterException`), status and extra body fields. */
export class AwsError extends Error {
  readonly type: string;
  readonly extra: Record<string, unknown>;
  readonly status: number;

  constructor(type: string, message: string, extra: Record<string, unknown> = {}, status = 400) {
    super(message);
    this.name = type;
    this.type = type;
    this.extra = extra;
    this.status = status;
  }
}

/** Answers one operation's parsed JSON input, or throws an AwsError. */
export type ServiceHandler = (operation: string, input: Record<string, unknown>) => unknown;

/** An HTTP answer as the emulated AWS sends it back to the SDK. */
export interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * One request answered: the handler's output as JSON, or its AwsError as the JSON protocols carry errors
 * (`__type`, plus the header query-compatible services such as SQS and CloudWatch use).
 */
export function respond(handler: ServiceHandler, operation: string, text: string): Reply {
  try {
    const output = handler(operation, text === "" ? {} : JSON.parse(text));
    return { status: 200, body: JSON.stringify(output ?? {}), headers: {} };
  } catch (error) {
    if (!(error instanceof AwsError)) throw error;
    const body = JSON.stringify({ __type: error.type, message: error.message, ...error.extra });
    return { status: error.status, body, headers: { "x-amzn-query-error": `${error.type};Sender` } };
  }
}
