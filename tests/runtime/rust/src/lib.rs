//! Builds the Rust runtime of the generated SDKs on its own, so its unit tests run without an SDK.

#[path = "../../../../templates/rust/runtime/src/runtime/mod.rs"]
pub mod runtime;
