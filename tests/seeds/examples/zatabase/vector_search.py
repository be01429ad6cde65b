# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        # Build an HNSW index
        await db.build_hnsw_index({
            "table": "documents_table",
            "column": "embedding",
            "metric": "cosine",
            "m": 16,
            "ef_construction": 200,
        })

        # Approximate nearest-neighbour search
        results = await db.search_hnsw_index({
            "table": "documents_table",
            "column": "embedding",
            "query": [0.15] * 768,
            "top_k": 5,
        })

        print(results)

        # Exact KNN search
        knn = await db.knn_search({
            "metric": "cosine",
            "query": [0.15] * 768,
            "vectors": [[0.1] * 768, [0.2] * 768],
            "top_k": 1,
        })


asyncio.run(main())
