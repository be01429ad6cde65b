# ruff: noqa
# fmt: off
from vibedasher import Vibedasher

client = Vibedasher(api_key="<your-api-key>", region="eu-central-1")


def handle(ds):
    print(ds)


cursor = None
while True:
    page = client.datasets.list(limit=100, exclusive_start_key=cursor)
    for ds in page.datasets or []:
        handle(ds)
    cursor = page.next_key
    if cursor is None:
        break
