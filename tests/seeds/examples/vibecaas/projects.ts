import { VibeCaaS } from "@vibecaas/sdk";

const client = new VibeCaaS({ apiKey: process.env.VIBECAAS_API_KEY });
const projects = await client.projects.list();
