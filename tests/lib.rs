//! Host integration tests of the core.
