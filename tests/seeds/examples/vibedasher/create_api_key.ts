import { Vibedasher } from '@vibedasher/client';

const client = new Vibedasher({
  apiKey: process.env.VIBEDASHER_API_KEY!,
  region: 'eu-central-1',
});

// "You can mint additional API keys programmatically with client.apiKeys.create_api({ body: ... })."
await client.apiKeys.create_api({ body: { name: 'CI pipeline' } });
