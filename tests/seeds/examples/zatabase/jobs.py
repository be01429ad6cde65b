# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        # Submit a job
        job = await db.submit_job({
            "command": ["python", "train_model.py"],
            "input_data": {"dataset": "v2"},
        })

        # Poll for completion
        import asyncio

        while True:
            status = await db.get_job(job["id"])
            if status["status"] in ("succeeded", "failed", "canceled"):
                break
            await asyncio.sleep(1)

        # Fetch logs
        logs = await db.get_job_logs(job["id"])


asyncio.run(main())
