# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        # Create a serverless function
        func = await db.create_function({
            "name": "process-order",
            "runtime": "python3.12",
            "handler": "handler.main",
            "source": "...",
        })

        # Invoke it
        result = await db.invoke_function(func["id"], {
            "order_id": "ord_123",
        })


asyncio.run(main())
