import { Vibedasher } from '@vibedasher/client';

const client = new Vibedasher({
  apiKey: process.env.VIBEDASHER_API_KEY!,
  region: 'eu-central-1',
});

const { data, error, response } = await client.datasets.list();
if (error) {
  console.error(`Request failed (${response.status})`, error);
} else {
  console.log(data);
}
