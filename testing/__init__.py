"""Tools for editorial's tests: real newsroom repositories made with the real git binary."""
