# ruff: noqa
# fmt: off
from vibedasher import create_client
from vibedasher.api.datasets import read_datasets

client = create_client(api_key="<your-api-key>", region="eu-central-1")
datasets = read_datasets.sync(client=client)
