# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        result = await db.sql.execute_sql({"query": "SELECT * FROM products"})


asyncio.run(main())
