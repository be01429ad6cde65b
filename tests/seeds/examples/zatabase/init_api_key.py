# ruff: noqa
# fmt: off
import asyncio
from zatabase import ZatabaseClient


async def main():
    # With an API key
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        is_healthy = await db.health_check()
        print(f"Server reachable: {is_healthy}")


asyncio.run(main())
