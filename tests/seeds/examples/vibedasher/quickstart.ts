import { Vibedasher } from '@vibedasher/client';

const client = new Vibedasher({
  apiKey: process.env.VIBEDASHER_API_KEY!,
  region: 'eu-central-1',
});

// List datasets
const { data, error } = await client.datasets.list();
if (error) throw error;
console.log(data);

// Create a dataset
const created = await client.datasets.create({
  body: { name: 'Sales', type: 'flat_file' },
});

// Fetch one by id (path params go under `path`)
const one = await client.datasets.get({ path: { dataset_id: 1 } });
