/**
 * Wraps every method of a port: each call goes through `around`, which gets the method's name, its arguments and
 * the call itself, and answers in its place. The wrapped port keeps the port's type, so it still satisfies the
 * port interface; every call becomes async (a synchronous throw becomes a rejection). Other properties pass.
 */
export function aroundMethods<T extends object>(
  port: T,
  around: (method: string, args: unknown[], call: () => unknown) => unknown,
): T {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => around(String(key), args, () => value.apply(target, args));
    },
  });
}
