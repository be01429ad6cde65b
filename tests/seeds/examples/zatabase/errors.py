# ruff: noqa
# fmt: off
import asyncio
from zatabase.exceptions import (
    ZatabaseError,  # Base exception
    AuthenticationError,  # 401 / credential issues
    ValidationError,  # Invalid input
    APIError,  # General API error (has .status_code)
    RateLimitError,  # 429 Too Many Requests
    NotFoundError,  # 404
    PermissionError,  # 403
)

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(
        base_url="https://your-project.zatabase.io",
        api_key="your-api-key",
    ) as db:
        try:
            await db.execute_sql({"query": "SELECT * FROM nonexistent"})
        except NotFoundError:
            print("Table does not exist")
        except RateLimitError:
            print("Slow down -- retry after backoff")
        except APIError as e:
            print(f"API error {e.status_code}: {e}")
        except ZatabaseError as e:
            print(f"SDK error: {e}")


asyncio.run(main())
