import { ZatabaseClient } from 'zatabase-js';

const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});

const queryVec = [0.1, 0.2, 0.3];

// Exact KNN via SQL
const knnResult = await db.sql.executeSql({
  query: `SELECT name, embedding <-> ARRAY[${queryVec.join(',')}] AS distance FROM products ORDER BY embedding <-> ARRAY[${queryVec.join(',')}] LIMIT 10`,
});

// Build an HNSW index for faster approximate search
await db.sql.executeSql({
  query: "CREATE INDEX ON products USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 200)",
});
