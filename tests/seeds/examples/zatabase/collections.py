# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        # Create a collection
        await db.create_collection({
            "name": "documents",
            "table_name": "documents_table",
            "fields": {
                "title": {"type": "text"},
                "content": {"type": "text"},
                "embedding": {"type": "vector", "dimensions": 768},
            },
        })

        # Ingest data
        await db.ingest_data("documents", {
            "records": [
                {"title": "First doc", "content": "Hello world", "embedding": [0.1] * 768},
                {"title": "Second doc", "content": "Goodbye world", "embedding": [0.2] * 768},
            ]
        })

        # List collections
        collections = await db.list_collections()
        print(collections)

        # Delete
        await db.delete_collection("documents")


asyncio.run(main())
