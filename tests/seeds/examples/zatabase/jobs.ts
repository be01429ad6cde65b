import { ZatabaseClient } from 'zatabase-js';

const db = new ZatabaseClient({
  baseUrl: 'https://your-project.zatabase.io',
  apiKey: 'your-api-key',
});

// Submit a background job
const job = await db.jobs.submitJob({
  command: ['python', 'train_model.py'],
  input_data: { dataset: 'v2' },
});

// Check status
const status = await db.jobs.getJob(job.id);
console.log(status.status); // "pending" | "running" | "succeeded" | "failed"

// Retrieve logs
const logs = await db.jobs.getJobLogs(job.id);

// List artifacts
const artifacts = await db.jobs.listJobArtifacts(job.id);
