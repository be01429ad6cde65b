import { client, readDatasets } from '@vibedasher/client';

client.setConfig({
  baseUrl: 'https://api.eu-central-1.vibedasher.com',
  auth: process.env.VIBEDASHER_API_KEY!, // sent as X-Api-Key
});

const { data, error } = await readDatasets();
