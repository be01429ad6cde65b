import { ZatabaseClient } from 'zatabase-js';

const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});

// Create a collection with a projection
await db.collections.createCollection({
  name: 'documents',
  table_name: 'documents_table',
  fields: {
    title: { type: 'text' },
    content: { type: 'text' },
    embedding: { type: 'vector', dimensions: 768 },
  },
});

// Ingest data
await db.collections.ingestData('documents', {
  records: [
    { title: 'First doc', content: 'Hello world', embedding: new Array(768).fill(0.1) },
    { title: 'Second doc', content: 'Goodbye world', embedding: new Array(768).fill(0.2) },
  ],
});

// List collections
const collections = await db.collections.listCollections();
console.log(collections);

// Delete a collection
await db.collections.deleteCollection('documents');
