/**
 * A schema built on first use instead of at import. zod builds a schema eagerly
 * and that is not free: the 78 module data schemas cost a cold container tens
 * of milliseconds before its first answer, while a route uses a handful of
 * modules (bench: coldStart.*). Everything read through the returned object
 * (parse, shape, meta, zod's own internals) is the built schema's, so callers and
 * `z.infer` cannot tell the difference.
 */
export function lazySchema<T extends object>(build: () => T): T {
  let built: T | undefined;
  const schema = (): T => (built ??= build());
  return new Proxy({} as T, {
    get: (_, key) => Reflect.get(schema(), key),
    has: (_, key) => Reflect.has(schema(), key),
    ownKeys: () => Reflect.ownKeys(schema()),
    getOwnPropertyDescriptor: (_, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(schema(), key);
      // A proxy may not report a property its (empty) target lacks as non-configurable.
      return descriptor && { ...descriptor, configurable: true };
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(schema()),
    set: (_, key, value) => Reflect.set(schema(), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(schema(), key, descriptor),
  });
}
