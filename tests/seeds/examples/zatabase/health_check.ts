import { ZatabaseClient } from 'zatabase-js';

const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});

const isHealthy = await db.healthCheck();
console.log(`Server reachable: ${isHealthy}`);
