import { ZatabaseClient } from 'zatabase-js';

// With an API key (recommended for server-side)
const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});
