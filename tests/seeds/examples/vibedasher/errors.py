# ruff: noqa
# fmt: off
from vibedasher import create_client
from vibedasher.api.datasets import read_datasets

client = create_client(api_key="<your-api-key>", region="eu-central-1")
res = read_datasets.sync_detailed(client=client)
if res.status_code >= 400:
    raise RuntimeError(f"Request failed ({res.status_code}): {res.content!r}")
print(res.parsed)
