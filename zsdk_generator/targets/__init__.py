"""Language targets: one small module per language, found through the `zsdk_generator.targets` entry points."""
