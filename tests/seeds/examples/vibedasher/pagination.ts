import { Vibedasher } from '@vibedasher/client';

const client = new Vibedasher({
  apiKey: process.env.VIBEDASHER_API_KEY!,
  region: 'eu-central-1',
});

function handle(ds: unknown): void {
  console.log(ds);
}

let cursor: number | null | undefined = undefined;
do {
  const { data, error } = await client.datasets.list({
    query: { limit: 100, exclusiveStartKey: cursor },
  });
  if (error) throw error;
  for (const ds of data.datasets ?? []) handle(ds);
  cursor = data.nextKey;
} while (cursor != null);
