# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        # Create a table
        await db.execute_sql({
            "query": "CREATE TABLE products (name TEXT, price FLOAT, embedding VECTOR(384))"
        })

        # Insert rows
        await db.execute_sql({
            "query": "INSERT INTO products (name, price) VALUES ('Widget', 9.99)"
        })

        # Query data
        result = await db.execute_sql({
            "query": "SELECT * FROM products WHERE price < 20"
        })

        for row in result["rows"]:
            print(row)


asyncio.run(main())
