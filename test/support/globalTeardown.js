export default async function globalTeardown() {
  const server = globalThis.__DYNALITE__;
  if (server) await new Promise((resolve) => server.close(resolve));
}
