# ruff: noqa
# fmt: off
import asyncio

from zatabase import ZatabaseClient


async def main():
    async with ZatabaseClient(base_url="https://your-project.zatabase.io") as db:
        await db.authenticate("admin@example.com", "SecurePass123!")
        user = await db.whoami()
        print(user)


asyncio.run(main())
