# ruff: noqa
# fmt: off
from vibedasher import Vibedasher
from vibedasher.models import DatasetCreate

client = Vibedasher(api_key="<your-api-key>", region="eu-central-1")

# List datasets
datasets = client.datasets.list()
print(datasets)

# Create a dataset (request models live in vibedasher.models)
created = client.datasets.create(body=DatasetCreate(name="Sales", type_="flat_file"))

# Fetch one by id (path params are named kwargs)
one = client.datasets.get(dataset_id=1)
