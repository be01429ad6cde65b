import { ZatabaseClient } from 'zatabase-js';

// Or with email/password authentication
const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
});

await db.authenticate('admin@example.com', 'SecurePass123!');
