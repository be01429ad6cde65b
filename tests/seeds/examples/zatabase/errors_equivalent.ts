// Known difference: the docs catch Axios errors (`import { AxiosError } from 'axios'`); the generated SDK has no
// Axios dependency and throws its own errors. This is the docs' example with the SDK's APIStatusError instead.
import { APIStatusError, ZatabaseClient } from 'zatabase-js';

const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});

try {
  await db.sql.executeSql({ query: 'SELECT * FROM nonexistent' });
} catch (error) {
  if (error instanceof APIStatusError) {
    console.error(`HTTP ${error.status}: ${JSON.stringify(error.body)}`);
  } else {
    console.error('Unexpected error:', error);
  }
}
