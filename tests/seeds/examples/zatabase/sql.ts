import { ZatabaseClient } from 'zatabase-js';

const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});

// Create a table
await db.sql.executeSql({
  query: 'CREATE TABLE products (name TEXT, price FLOAT, embedding VECTOR(384))',
});

// Insert rows
await db.sql.executeSql({
  query: "INSERT INTO products (name, price) VALUES ('Widget', 9.99)",
});

// Query data
const result = await db.sql.executeSql({
  query: 'SELECT * FROM products WHERE price < 20',
});

console.log(result.rows);
