"""`diff`: what changes between two versions of a spec, how much it can break, and what it changes in the SDKs."""
