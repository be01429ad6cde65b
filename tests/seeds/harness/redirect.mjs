// Loaded by every TypeScript seed example (node --import): requests to the hosts the docs name (SEEDS_REDIRECT, a
// JSON map of origin to local origin) go to the local seed server instead, so the example's own base URL or region
// stays as written.
const map = JSON.parse(process.env.SEEDS_REDIRECT ?? '{}');
const original = globalThis.fetch;
globalThis.fetch = (input, init) => {
  const url = input instanceof Request ? input.url : String(input);
  for (const [origin, local] of Object.entries(map)) {
    if (url.startsWith(origin)) {
      const target = local + url.slice(origin.length);
      return original(input instanceof Request ? new Request(target, input) : target, init);
    }
  }
  return original(input, init);
};
