"""The SdkPlan: the SDK's surface and behaviour, decided once for every language (docs/plan.md)."""
