/**
 * Builds a value on first use and keeps it for the life of the Lambda container. A build that throws is not
 * kept, so a fixed environment takes effect without a cold start and the error is raised on every invocation.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
